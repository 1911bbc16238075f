-- Schema version 9 -> 10: sourcing that reads right. A source's article and role form, a
-- quote's published wording and the wording the reporter accepted, a draft's publication
-- date and author tagline, and a team member's outlet. Written once and never edited.

ALTER TABLE sources ADD COLUMN article VARCHAR(32) DEFAULT 'auto' NOT NULL;
ALTER TABLE sources ADD COLUMN role_form VARCHAR(32) DEFAULT 'auto' NOT NULL;
ALTER TABLE quotes ADD COLUMN published_text TEXT DEFAULT '' NOT NULL;
ALTER TABLE quotes ADD COLUMN published_accepted TEXT DEFAULT '' NOT NULL;
ALTER TABLE drafts ADD COLUMN published_on VARCHAR(10);
ALTER TABLE drafts ADD COLUMN author_tagline TEXT DEFAULT '' NOT NULL;
ALTER TABLE team_members ADD COLUMN outlet TEXT DEFAULT '' NOT NULL;
