<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>Casefile</name>
        <message>
            <location filename="../../ui/app.py" line="184" />
            <source>Casefile cannot start</source>
            <translation>Casefile не может запуститься</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="140" />
            <source>The case opened last could not be found.</source>
            <translation>Дело, открытое последним, не найдено.</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="274" />
            <location filename="../../ui/controller.py" line="305" />
            <location filename="../../ui/controller.py" line="221" />
            <location filename="../../ui/controller.py" line="226" />
            <location filename="../../ui/controller.py" line="211" />
            <location filename="../../ui/field_copies.py" line="456" />
            <location filename="../../ui/field_copies.py" line="446" />
            <source>Cannot open case file</source>
            <translation>Не удаётся открыть файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="39" />
            <source>just now</source>
            <translation>только что</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="33" />
            <source>{n} day ago</source>
            <translation>{n} дн. назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="33" />
            <source>{n} days ago</source>
            <translation>{n} дн. назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="34" />
            <source>{n} hour ago</source>
            <translation>{n} ч назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="34" />
            <source>{n} hours ago</source>
            <translation>{n} ч назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="35" />
            <source>{n} minute ago</source>
            <translation>{n} мин назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="35" />
            <source>{n} minutes ago</source>
            <translation>{n} мин назад</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="48" />
            <source>Backups</source>
            <translation>Резервные копии</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="65" />
            <source>Backups, newest first</source>
            <translation>Резервные копии, сначала новые</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="76" />
            <source>Back up &amp;now</source>
            <translation>Сделать копию &amp;сейчас</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="77" />
            <source>&amp;Restore as a copy…</source>
            <translation>&amp;Восстановить как копию…</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="66" />
            <source>Made</source>
            <translation>Создана</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="66" />
            <source>Age</source>
            <translation>Давность</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="66" />
            <location filename="../../ui/photo_panel.py" line="88" />
            <source>Size</source>
            <translation>Размер</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="67" />
            <source>Encrypted</source>
            <translation>Зашифровано</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="100" />
            <source>no</source>
            <translation>нет</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="100" />
            <source>yes</source>
            <translation>да</translation>
        </message>
        <message>
            <location filename="../../ui/backups_dialog.py" line="53" />
            <source>Casefile backs this case up when it opens and every {m} minutes while you edit it. Kept: the newest {r}, then one a day for {d} days, one a week for {w} weeks and one a month for {mo} months. Each backup is checked before it counts.
Folder: {f}</source>
            <translation>Casefile делает резервную копию дела при открытии и каждые {m} мин. во время работы. Хранятся: последние {r}, затем по одной в день за {d} дн., по одной в неделю за {w} нед. и по одной в месяц за {mo} мес. Каждая копия проверяется, прежде чем засчитывается.
Папка: {f}</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="39" />
            <location filename="../../ui/batch_edit.py" line="221" />
            <location filename="../../ui/batch_edit.py" line="263" />
            <source>Batch edit</source>
            <translation>Групповое изменение</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="64" />
            <source>Put the &amp;tag on:</source>
            <translation>Поставить &amp;метку:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="67" />
            <source>Take the tag o&amp;ff:</source>
            <translation>Сн&amp;ять метку:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="71" />
            <source>Appl&amp;y to all</source>
            <translation>Применить ко &amp;всем</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="85" />
            <source>change</source>
            <translation>изменить</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="52" />
            <source>&amp;Caption:</source>
            <translation>П&amp;одпись:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="55" />
            <source>C&amp;redit:</source>
            <translation>&amp;Автор снимка:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="57" />
            <source>Ri&amp;ghts note:</source>
            <translation>Приме&amp;чание о правах:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="59" />
            <source>&amp;Add a person in them:</source>
            <translation>&amp;Добавить человека на снимках:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="61" />
            <source>Take a &amp;person off:</source>
            <translation>&amp;Убрать человека:</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="98" />
            <source>Type the name of a source…</source>
            <translation>Введите имя источника…</translation>
        </message>
        <message>
            <location filename="../../ui/batch_dialog.py" line="42" />
            <source>Change {what} at once. Only what you tick changes.</source>
            <translation>Изменить сразу: {what}. Меняется только то, что отмечено.</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="52" />
            <source>{n} sources</source>
            <translation>источники ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="52" />
            <source>{n} interviews</source>
            <translation>интервью ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="53" />
            <source>{n} photos</source>
            <translation>фотографии ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="53" />
            <source>{n} documents</source>
            <translation>документы ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="54" />
            <source>{n} claims</source>
            <translation>утверждения ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="54" />
            <source>{n} requests</source>
            <translation>запросы ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="55" />
            <source>{n} drafts</source>
            <translation>черновики ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="55" />
            <source>{n} team members</source>
            <translation>участники команды ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="56" />
            <source>{n} deletions</source>
            <translation>удаления ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="47" />
            <source>1 source</source>
            <translation>1 источник</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="47" />
            <source>1 interview</source>
            <translation>1 интервью</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="48" />
            <source>1 photo</source>
            <translation>1 фотография</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="48" />
            <source>1 document</source>
            <translation>1 документ</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="48" />
            <source>1 claim</source>
            <translation>1 утверждение</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="49" />
            <source>1 request</source>
            <translation>1 запрос</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="49" />
            <source>1 draft</source>
            <translation>1 черновик</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="50" />
            <source>1 team member</source>
            <translation>1 участник команды</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="50" />
            <source>1 deletion</source>
            <translation>1 удаление</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="51" />
            <source>1 record</source>
            <translation>1 запись</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="168" />
            <source>Nothing to change: the selected records already read so.</source>
            <translation>Менять нечего: в выбранных записях уже так.</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="57" />
            <source>{n} records</source>
            <translation>записи ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="181" />
            <location filename="../../ui/batch_edit.py" line="199" />
            <location filename="../../ui/window_toolbar.py" line="92" />
            <location filename="../../ui/window_trash.py" line="199" />
            <location filename="../../ui/window_trash.py" line="216" />
            <location filename="../../ui/window_trash.py" line="320" />
            <source>Move to the trash</source>
            <translation>Переместить в корзину</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="130" />
            <source>edit {what}</source>
            <translation>изменение: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="141" />
            <source>delete {what}</source>
            <translation>удаление: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="150" />
            <source>restore {what}</source>
            <translation>восстановление: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="199" />
            <source>Move them to the trash together with those links?</source>
            <translation>Переместить их в корзину вместе с этими связями?</translation>
        </message>
        <message>
            <location filename="../../ui/batch_edit.py" line="182" />
            <source>Move {what} to the trash?</source>
            <translation>Переместить в корзину: {what}?</translation>
        </message>
        <message>
            <location filename="../../ui/batch_run.py" line="33" />
            <source>Cancelled: nothing was changed.</source>
            <translation>Отменено: ничего не изменено.</translation>
        </message>
        <message>
            <location filename="../../ui/batch_run.py" line="145" />
            <source>Undo {what}</source>
            <translation>Отменить: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/batch_run.py" line="145" />
            <source>Redo {what}</source>
            <translation>Повторить: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="45" />
            <source>Arabic</source>
            <translation>Арабский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="46" />
            <source>Azerbaijani</source>
            <translation>Азербайджанский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="47" />
            <source>Belarusian</source>
            <translation>Белорусский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="48" />
            <source>German</source>
            <translation>Немецкий</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="49" />
            <source>English</source>
            <translation>Английский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="50" />
            <source>Spanish</source>
            <translation>Испанский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="51" />
            <source>Persian</source>
            <translation>Персидский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="52" />
            <source>Finnish</source>
            <translation>Финский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="53" />
            <source>French</source>
            <translation>Французский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="54" />
            <source>Hebrew</source>
            <translation>Иврит</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="55" />
            <source>Hindi</source>
            <translation>Хинди</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="56" />
            <source>Armenian</source>
            <translation>Армянский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="57" />
            <source>Italian</source>
            <translation>Итальянский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="58" />
            <source>Japanese</source>
            <translation>Японский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="59" />
            <source>Georgian</source>
            <translation>Грузинский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="60" />
            <source>Kazakh</source>
            <translation>Казахский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="61" />
            <source>Korean</source>
            <translation>Корейский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="62" />
            <source>Kyrgyz</source>
            <translation>Киргизский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="63" />
            <source>Mongolian</source>
            <translation>Монгольский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="64" />
            <source>Dutch</source>
            <translation>Нидерландский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="65" />
            <source>Polish</source>
            <translation>Польский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="66" />
            <source>Portuguese</source>
            <translation>Португальский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="67" />
            <source>Romanian</source>
            <translation>Румынский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="68" />
            <source>Russian</source>
            <translation>Русский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="69" />
            <source>Swedish</source>
            <translation>Шведский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="70" />
            <source>Tajik</source>
            <translation>Таджикский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="71" />
            <source>Turkish</source>
            <translation>Турецкий</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="72" />
            <source>Ukrainian</source>
            <translation>Украинский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="73" />
            <source>Urdu</source>
            <translation>Урду</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="74" />
            <source>Uzbek</source>
            <translation>Узбекский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="75" />
            <source>Vietnamese</source>
            <translation>Вьетнамский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="76" />
            <source>Chinese</source>
            <translation>Китайский</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="98" />
            <source>Case settings</source>
            <translation>Свойства дела</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="107" />
            <source>What the story is about, in a few lines — shown on the case's overview.</source>
            <translation>О чём материал, в нескольких строках — показывается в обзоре дела.</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="114" />
            <source>The language the story is written in: a quote in another language is marked as translated on export.</source>
            <translation>Язык, на котором написан материал: цитата на другом языке при экспорте помечается как переведённая.</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="118" />
            <source>e.g. Foreign, Business</source>
            <translation>например, Международный, Экономика</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="124" />
            <source>&amp;Title</source>
            <translation>&amp;Название</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="125" />
            <source>&amp;Summary</source>
            <translation>&amp;Краткое описание</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="126" />
            <source>&amp;Language</source>
            <translation>&amp;Язык</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="127" />
            <source>&amp;Desk</source>
            <translation>&amp;Отдел</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="135" />
            <location filename="../../ui/field_copies.py" line="493" />
            <source>Case</source>
            <translation>Дело</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="136" />
            <location filename="../../ui/house_style.py" line="115" />
            <source>House style</source>
            <translation>Редакционный стиль</translation>
        </message>
        <message>
            <location filename="../../ui/case_settings.py" line="184" />
            <source>A case needs a title: it keeps the one it has.</source>
            <translation>У дела должно быть название: остаётся прежнее.</translation>
        </message>
        <message>
            <location filename="../../ui/claim_choice.py" line="23" />
            <source>Link to claim</source>
            <translation>Привязать к утверждению</translation>
        </message>
        <message>
            <location filename="../../ui/claim_choice.py" line="35" />
            <source>&amp;Link</source>
            <translation>&amp;Привязать</translation>
        </message>
        <message>
            <location filename="../../ui/claim_choice.py" line="25" />
            <source>Link {what} to a claim, as evidence for it. Type words of the claim:</source>
            <translation>Привязать к утверждению как доказательство: {what}. Введите слова утверждения:</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="68" />
            <source>Relation</source>
            <translation>Связь</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="68" />
            <location filename="../../ui/document_panel.py" line="38" />
            <location filename="../../ui/kinds.py" line="136" />
            <location filename="../../ui/kinds.py" line="158" />
            <location filename="../../ui/search_view.py" line="77" />
            <location filename="../../ui/source_form.py" line="121" />
            <source>Kind</source>
            <translation>Тип</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="68" />
            <location filename="../../ui/claim_panel.py" line="116" />
            <location filename="../../ui/claim_panel.py" line="150" />
            <source>Evidence</source>
            <translation>Доказательство</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="108" />
            <source>leave empty to use the generated attribution</source>
            <translation>оставьте пустым, чтобы использовать сформированную ссылку на источник</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="126" />
            <source>Link evidence…</source>
            <translation>Привязать…</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="127" />
            <source>Unlink</source>
            <translation>Отвязать</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="129" />
            <source>Relation of the selected evidence</source>
            <translation>Связь выбранного доказательства</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="136" />
            <location filename="../../ui/kinds.py" line="163" />
            <source>Statement</source>
            <translation>Утверждение</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="137" />
            <location filename="../../ui/draft_facts.py" line="82" />
            <location filename="../../ui/draft_panel.py" line="114" />
            <location filename="../../ui/kinds.py" line="164" />
            <location filename="../../ui/kinds.py" line="173" />
            <location filename="../../ui/kinds.py" line="177" />
            <location filename="../../ui/request_panel.py" line="128" />
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="138" />
            <source>Attribution override</source>
            <translation>Своя ссылка на источник</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="139" />
            <location filename="../../ui/kinds.py" line="165" />
            <source>Support</source>
            <translation>Подтверждение</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="140" />
            <source>Attributed to</source>
            <translation>Со ссылкой на</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="211" />
            <source>edit claim</source>
            <translation>изменение утверждения</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="220" />
            <location filename="../../ui/claim_panel.py" line="228" />
            <location filename="../../ui/main_window.py" line="615" />
            <source>Link evidence</source>
            <translation>Привязать доказательство</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="220" />
            <source>Search for the evidence:</source>
            <translation>Поиск доказательства:</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="228" />
            <source>Evidence:</source>
            <translation>Доказательство:</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="144" />
            <source>Relation:</source>
            <translation>Связь:</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="203" />
            <source>nothing that may be printed</source>
            <translation>ничего, что можно напечатать</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="225" />
            <source>Nothing found for that search.</source>
            <translation>По этому запросу ничего не найдено.</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="239" />
            <location filename="../../ui/main_window.py" line="607" />
            <location filename="../../ui/main_window.py" line="609" />
            <source>link evidence</source>
            <translation>привязка доказательства</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="286" />
            <source>unlink evidence</source>
            <translation>отвязка доказательства</translation>
        </message>
        <message>
            <location filename="../../ui/claim_panel.py" line="55" />
            <source>A {k} is not evidence: link a quote, excerpt, photo, document or interview.</source>
            <translation>Запись типа «{k}» не может быть доказательством: привяжите цитату, выдержку, фотографию, документ или интервью.</translation>
        </message>
        <message>
            <location filename="../../ui/claims_board.py" line="73" />
            <location filename="../../ui/window_toolbar.py" line="96" />
            <source>Claims board</source>
            <translation>Доска утверждений</translation>
        </message>
        <message>
            <location filename="../../ui/claims_board.py" line="79" />
            <source>Claims board: drop evidence on a claim to link it</source>
            <translation>Доска утверждений: перетащите доказательство на утверждение, чтобы привязать его</translation>
        </message>
        <message>
            <location filename="../../ui/claims_board.py" line="80" />
            <source>Drop a quote, excerpt, photo, document or interview on a claim to link it as evidence.</source>
            <translation>Перетащите цитату, выдержку, фотографию, документ или интервью на утверждение, чтобы привязать как доказательство.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="312" />
            <location filename="../../ui/window_safety.py" line="79" />
            <source>Restore a backup</source>
            <translation>Восстановить резервную копию</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="342" />
            <source>Recover a damaged case file</source>
            <translation>Восстановить повреждённый файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="120" />
            <location filename="../../ui/window_files.py" line="105" />
            <source>Open case file</source>
            <translation>Открыть файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="232" />
            <location filename="../../ui/controller.py" line="238" />
            <location filename="../../ui/controller.py" line="281" />
            <location filename="../../ui/controller.py" line="241" />
            <source>Encrypt case file</source>
            <translation>Зашифровать файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="239" />
            <source>The same passphrase again:</source>
            <translation>Тот же пароль ещё раз:</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="249" />
            <location filename="../../ui/controller.py" line="255" />
            <location filename="../../ui/controller.py" line="260" />
            <source>New case file</source>
            <translation>Новый файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="255" />
            <source>Working title of the story:</source>
            <translation>Рабочее название материала:</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="281" />
            <source>Remove encryption</source>
            <translation>Снять шифрование</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="368" />
            <source>Open the recovered case file now?</source>
            <translation>Открыть восстановленный файл дела сейчас?</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="134" />
            <source>Making the sample case</source>
            <translation>Создание примера дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="198" />
            <source>Where this case file is kept</source>
            <translation>Где хранить этот файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="242" />
            <source>The two passphrases differ; nothing was changed.</source>
            <translation>Пароли не совпадают; ничего не изменено.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="260" />
            <source>Encrypt this case file with a passphrase? Recommended when it will hold confidential sources: a seized or lost laptop then gives nothing away.</source>
            <translation>Зашифровать этот файл дела паролем? Рекомендуется, если в нём будут конфиденциальные источники: изъятый или потерянный ноутбук тогда ничего не выдаст.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="290" />
            <source>Its current passphrase:</source>
            <translation>Его текущий пароль:</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="136" />
            <location filename="../../ui/controller.py" line="269" />
            <source>Cannot create case file</source>
            <translation>Не удаётся создать файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="297" />
            <source>The case file was not changed.</source>
            <translation>Файл дела не изменён.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="327" />
            <source>Nothing was replaced.</source>
            <translation>Ничего не заменено.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="216" />
            <location filename="../../ui/field_copies.py" line="451" />
            <source>Open encrypted case file</source>
            <translation>Открыть зашифрованный файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="319" />
            <source>Really replace “{f}”? It is backed up as it is now first; that backup will be the newest in the list.</source>
            <translation>Действительно заменить «{f}»? Сначала будет сделана резервная копия его текущего состояния; она станет самой новой в списке.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="354" />
            <source>“{f}” already exists. Recovery writes a new file: choose another name.</source>
            <translation>«{f}» уже существует. Восстановление записывает новый файл: выберите другое имя.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="360" />
            <location filename="../../ui/controller.py" line="215" />
            <location filename="../../ui/field_copies.py" line="450" />
            <source>“{f}” is encrypted. Its passphrase:</source>
            <translation>«{f}» зашифрован. Пароль:</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="221" />
            <source>Recover what can still be read into a new case file now?</source>
            <translation>Перенести всё, что ещё читается, в новый файл дела сейчас?</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="232" />
            <source>A passphrase for “{f}” (at least {n} characters; a few unrelated words are strong). Without it nobody can open the file — not even you.</source>
            <translation>Пароль для «{f}» (не короче {n} символов; несколько не связанных между собой слов — надёжный пароль). Без него файл не откроет никто — даже вы.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="285" />
            <source>Remove the encryption of “{f}”? Anyone who gets the file can then read everything in it, including confidential sources.</source>
            <translation>Снять шифрование с «{f}»? Тогда любой, кому попадёт файл, прочитает всё, включая конфиденциальные источники.</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="300" />
            <source>Copies of the case file: </source>
            <translation>Копии файла дела: </translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="213" />
            <location filename="../../ui/field_copies.py" line="448" />
            <source>Wrong passphrase. Try again — passphrase for “{f}”:</source>
            <translation>Неверный пароль. Попробуйте ещё раз — пароль для «{f}»:</translation>
        </message>
        <message>
            <location filename="../../ui/controller.py" line="315" />
            <source>Replace the open case file “{f}” with its backup of {t}? Everything changed since then would be replaced.</source>
            <translation>Заменить открытый файл дела «{f}» его резервной копией от {t}? Всё, что изменилось с тех пор, будет заменено.</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="41" />
            <source>zone unknown</source>
            <translation>часовой пояс неизвестен</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="127" />
            <source>not set</source>
            <translation>не задано</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="143" />
            <location filename="../../ui/date_fields.py" line="144" />
            <source>Clear</source>
            <translation>Очистить</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="148" />
            <source>Time zone</source>
            <translation>Часовой пояс</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="138" />
            <source>Now</source>
            <translation>Сейчас</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="138" />
            <source>Today</source>
            <translation>Сегодня</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="209" />
            <source>zone unknown (camera time)</source>
            <translation>часовой пояс неизвестен (время камеры)</translation>
        </message>
        <message>
            <location filename="../../ui/date_fields.py" line="155" />
            <location filename="../../ui/date_fields.py" line="196" />
            <source>Time zone: {z}</source>
            <translation>Часовой пояс: {z}</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="37" />
            <location filename="../../ui/interview_panel.py" line="44" />
            <location filename="../../ui/kinds.py" line="142" />
            <location filename="../../ui/kinds.py" line="157" />
            <location filename="../../ui/search_view.py" line="77" />
            <source>Title</source>
            <translation>Название</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="39" />
            <location filename="../../ui/kinds.py" line="159" />
            <source>Publisher</source>
            <translation>Издатель</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="40" />
            <source>Published in</source>
            <translation>Где опубликовано</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="42" />
            <location filename="../../ui/kinds.py" line="160" />
            <source>Issued</source>
            <translation>Дата выпуска</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="44" />
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="45" />
            <source>Accessed</source>
            <translation>Дата обращения</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="46" />
            <source>Identifier</source>
            <translation>Идентификатор</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="47" />
            <location filename="../../ui/interview_panel.py" line="51" />
            <location filename="../../ui/source_form.py" line="130" />
            <location filename="../../ui/team_panel.py" line="75" />
            <source>Notes</source>
            <translation>Заметки</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="41" />
            <source>newspaper, journal or site, if any</source>
            <translation>газета, журнал или сайт, если есть</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="43" />
            <source>e.g. Feb 2026, 12 Feb 2026, 2026</source>
            <translation>например, Feb 2026, 12 Feb 2026, 2026</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="45" />
            <source>e.g. 14 Mar 2026</source>
            <translation>например, 14 Mar 2026</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="46" />
            <source>DOI, case number, table code…</source>
            <translation>DOI, номер дела, код таблицы…</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="92" />
            <source>edit document</source>
            <translation>изменение документа</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="97" />
            <source>&amp;Open the file</source>
            <translation>&amp;Открыть файл</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="100" />
            <location filename="../../ui/document_panel.py" line="116" />
            <source>Excerpts</source>
            <translation>Выдержки</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="104" />
            <source>&amp;Add excerpt…</source>
            <translation>&amp;Добавить…</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="106" />
            <source>Edi&amp;t excerpt…</source>
            <translation>&amp;Изменить…</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="236" />
            <source>edit excerpt</source>
            <translation>изменение выдержки</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="57" />
            <source>No program on this computer opens files of this type, so “{f}” cannot be shown. Install a viewer for such files and try again; the file stays safe in the case.</source>
            <translation>На этом компьютере нет программы, открывающей файлы такого типа, поэтому «{f}» не показать. Установите программу просмотра таких файлов и попробуйте снова; файл остаётся в деле в сохранности.</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="192" />
            <source>Add excerpt</source>
            <translation>Добавить выдержку</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="205" />
            <source>Edit excerpt</source>
            <translation>Изменить выдержку</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="250" />
            <source>add excerpt</source>
            <translation>добавление выдержки</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="60" />
            <source>No program on this computer opens {k} files, so “{f}” cannot be shown. Install a viewer for {k} files and try again; the file stays safe in the case.</source>
            <translation>На этом компьютере нет программы, открывающей файлы {k}, поэтому «{f}» не показать. Установите программу просмотра файлов {k} и попробуйте снова; файл остаётся в деле в сохранности.</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="95" />
            <location filename="../../ui/excerpt_form.py" line="35" />
            <source>Pages</source>
            <translation>Страниц</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="95" />
            <location filename="../../ui/photo_panel.py" line="89" />
            <source>File</source>
            <translation>Файл</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="96" />
            <source>SHA-256</source>
            <translation>SHA-256</translation>
        </message>
        <message>
            <location filename="../../ui/document_panel.py" line="269" />
            <location filename="../../ui/list_menus.py" line="195" />
            <location filename="../../ui/list_menus.py" line="192" />
            <source>Open the file</source>
            <translation>Открыть файл</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="171" />
            <location filename="../../ui/draft_actions.py" line="163" />
            <source>Bind a claim</source>
            <translation>Привязать утверждение</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="171" />
            <source>Claim:</source>
            <translation>Утверждение:</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="39" />
            <source>This claim no longer exists.</source>
            <translation>Этого утверждения больше нет.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="94" />
            <source>No one to credit: give team members the role Contributor (and a base city) in Team; people on the byline are credited there.</source>
            <translation>Указывать некого: в разделе «Команда» дайте участникам роль «Соавтор» (и город работы); те, кто в подписи, указаны там.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="136" />
            <source>Select the words the claim stands for first.</source>
            <translation>Сначала выделите слова, которым соответствует утверждение.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="163" />
            <source>Search the claims:</source>
            <translation>Поиск утверждений:</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="42" />
            <source>Attribution</source>
            <translation>Ссылка на источник</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="100" />
            <location filename="../../ui/draft_facts.py" line="96" />
            <source>Contributor line</source>
            <translation>Строка соавторов</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="169" />
            <source>No claim matches that search.</source>
            <translation>Ни одно утверждение не подходит под этот запрос.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="43" />
            <location filename="../../ui/source_form.py" line="45" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <location filename="../../ui/draft_actions.py" line="101" />
            <source>Replace the contributor line “{old}” with “{new}”?</source>
            <translation>Заменить строку соавторов «{old}» на «{new}»?</translation>
        </message>
        <message>
            <location filename="../../ui/draft_byline.py" line="45" />
            <location filename="../../ui/draft_panel.py" line="105" />
            <location filename="../../ui/kinds.py" line="184" />
            <source>Byline</source>
            <translation>Подпись автора</translation>
        </message>
        <message>
            <location filename="../../ui/draft_byline.py" line="51" />
            <source>Team members on the byline</source>
            <translation>Участники команды в подписи</translation>
        </message>
        <message>
            <location filename="../../ui/draft_byline.py" line="61" />
            <source>Move &amp;up</source>
            <translation>&amp;Выше</translation>
        </message>
        <message>
            <location filename="../../ui/draft_byline.py" line="61" />
            <source>Move &amp;down</source>
            <translation>&amp;Ниже</translation>
        </message>
        <message>
            <location filename="../../ui/draft_byline.py" line="79" />
            <source>Tick who wrote the story, in the order the byline names them (Space ticks).</source>
            <translation>Отметьте авторов материала в том порядке, в каком их называет подпись (Пробел ставит отметку).</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="50" />
            <source>Checker:</source>
            <translation>Проверка:</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="51" />
            <location filename="../../ui/draft_checker.py" line="70" />
            <source>Checking…</source>
            <translation>Проверка…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="53" />
            <source>Checker result</source>
            <translation>Результат проверки</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="56" />
            <source>Checker findings</source>
            <translation>Замечания проверки</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="88" />
            <source>✓ No problems found</source>
            <translation>✓ Проблем не найдено</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="95" />
            <source>{n} finding(s).</source>
            <translation>Замечаний: {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="77" />
            <source>BLOCKING: </source>
            <translation>БЛОКИРУЕТ ЭКСПОРТ: </translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="96" />
            <source>{s} Click one to see its words.</source>
            <translation>{s} Щёлкните по замечанию, чтобы увидеть его слова.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_checker.py" line="92" />
            <source>{n} finding(s), {b} blocking the export.</source>
            <translation>Замечаний: {n}, из них блокируют экспорт: {b}.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_document.py" line="43" />
            <source>{f}: “{t}” is not a date; write it as 2026-12-01</source>
            <translation>{f}: «{t}» — не дата; запишите в виде 2026-12-01</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="29" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>unverified</source>
            <translation>не проверено</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="29" />
            <source>needs a second source</source>
            <translation>нужен второй источник</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="30" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>disputed</source>
            <translation>оспаривается</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="30" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>refuted</source>
            <translation>опровергнуто</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="88" />
            <location filename="../../ui/export_dialog.py" line="100" />
            <source>Checking the draft…</source>
            <translation>Проверка черновика…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="93" />
            <location filename="../../ui/export_dialog.py" line="89" />
            <source>Before you export</source>
            <translation>Перед экспортом</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="121" />
            <source>Double-click (or Enter) to go to the words in the draft.</source>
            <translation>Двойной щелчок (или Enter) — перейти к словам в черновике.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="150" />
            <source>This draft cannot be exported: it names a protected source. Go to the words and take them out.</source>
            <translation>Этот черновик нельзя экспортировать: в нём назван защищённый источник. Перейдите к этим словам и уберите их.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="154" />
            <source>Resolve the blocking findings first, or choose “Export anyway”: the override is recorded on the draft version.</source>
            <translation>Сначала устраните блокирующие замечания или выберите «Всё равно экспортировать»: это решение записывается в версию черновика.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="134" />
            <source>Blocking findings ({n})</source>
            <translation>Блокирующие замечания ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="141" />
            <source>Claims not yet verified ({n})</source>
            <translation>Ещё не проверенные утверждения ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="158" />
            <source>No blocking findings. Check the claims below before the desk does.</source>
            <translation>Блокирующих замечаний нет. Проверьте утверждения ниже раньше, чем это сделает редакция.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="166" />
            <source>✓ No problems found: every claim in the text is verified.</source>
            <translation>✓ Проблем не найдено: все утверждения в тексте проверены.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="169" />
            <source>{s} ({n} other finding(s) are listed under the draft.)</source>
            <translation>{s} (другие замечания — {n} — перечислены под черновиком.)</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="162" />
            <source>No blocking findings; {n} other finding(s) are listed under the draft.</source>
            <translation>Блокирующих замечаний нет; другие замечания ({n}) перечислены под черновиком.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_export_summary.py" line="144" />
            <source>“{w}” — {s}: {c}</source>
            <translation>«{w}» — {s}: {c}</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="31" />
            <source>Writing</source>
            <translation>Пишется</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="32" />
            <source>With the editor</source>
            <translation>У редактора</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="33" />
            <source>Final</source>
            <translation>Готов</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="42" />
            <source>No byline yet: choose who wrote it</source>
            <translation>Подписи пока нет: выберите авторов</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="50" />
            <source>1 word</source>
            <translation>1 слово</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="45" />
            <source>By {names}</source>
            <translation>Авторы: {names}</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="60" />
            <source>Change the b&amp;yline…</source>
            <translation>Измен&amp;ить подпись…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="69" />
            <source>e.g. Blagoveshchensk</source>
            <translation>например, Благовещенск</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="70" />
            <source>Dateline place</source>
            <translation>Место (в строке места и даты)</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="73" />
            <source>e.g. Russia</source>
            <translation>например, Россия</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="74" />
            <source>Dateline country</source>
            <translation>Страна (в строке места и даты)</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="87" />
            <source>Word count</source>
            <translation>Число слов</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="97" />
            <source>e.g. Anne Dupont in Brussels contributed to this article.</source>
            <translation>например: в подготовке материала участвовала Анна Дюпон (Брюссель).</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="99" />
            <source>Printed in italics at the end of the story.</source>
            <translation>Печатается курсивом в конце материала.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="100" />
            <source>&amp;Generate from the team</source>
            <translation>Сфор&amp;мировать по команде</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="130" />
            <source>Pick the day from a calendar</source>
            <translation>Выбрать день в календаре</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="131" />
            <source>Pick the publication date</source>
            <translation>Выбрать дату публикации</translation>
        </message>
        <message>
            <location filename="../../ui/draft_facts.py" line="50" />
            <source>{n} words</source>
            <translation>Слов: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="78" />
            <source>Draft body</source>
            <translation>Текст черновика</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="80" />
            <source>&amp;Bind a claim to the selection…</source>
            <translation>&amp;Привязать утверждение к выделенному…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="85" />
            <source>Insert a &amp;photo…</source>
            <translation>Вставить &amp;фото…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="103" />
            <location filename="../../ui/kinds.py" line="176" />
            <source>Headline</source>
            <translation>Заголовок</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="104" />
            <source>Dek</source>
            <translation>Подзаголовок</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="106" />
            <source>Dateline</source>
            <translation>Место и дата</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="113" />
            <location filename="../../ui/draft_panel.py" line="115" />
            <location filename="../../ui/draft_panel.py" line="260" />
            <location filename="../../ui/draft_panel.py" line="284" />
            <source>Published</source>
            <translation>Опубликовано</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="116" />
            <source>Insert a photo…</source>
            <translation>Вставить фото…</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="118" />
            <source>Place a photo of the case at the cursor (Ctrl+Shift+P); it prints with its caption and credit.</source>
            <translation>Вставить фотографию из дела в позицию курсора (Ctrl+Shift+P); она печатается с подписью и автором снимка.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="123" />
            <source>Contributors</source>
            <translation>Соавторы</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="124" />
            <source>Tagline</source>
            <translation>Справка об авторе</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="250" />
            <source>Nothing to print: give the byline an outlet or a base city, or write one here</source>
            <translation>Печатать нечего: укажите в подписи издание или город, где базируется автор, или напишите справку здесь</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="293" />
            <source>edit draft “{n}”</source>
            <translation>изменение черновика «{n}»</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="252" />
            <source>Left empty, the story prints: {t}</source>
            <translation>Если оставить пустым, в материале будет: {t}</translation>
        </message>
        <message>
            <location filename="../../ui/draft_panel.py" line="255" />
            <source>prints as {d}</source>
            <translation>печатается как {d}</translation>
        </message>
        <message>
            <location filename="../../ui/draft_photos.py" line="37" />
            <source>Insert a photo</source>
            <translation>Вставить фото</translation>
        </message>
        <message>
            <location filename="../../ui/draft_photos.py" line="40" />
            <source>Photos of the case</source>
            <translation>Фотографии дела</translation>
        </message>
        <message>
            <location filename="../../ui/draft_photos.py" line="48" />
            <source>Show &amp;more</source>
            <translation>Показать &amp;ещё</translation>
        </message>
        <message>
            <location filename="../../ui/draft_photos.py" line="50" />
            <source>This case has no photos yet: add some in Photos (File → Import photos…), then insert them here.</source>
            <translation>В этом деле пока нет фотографий: добавьте их в разделе «Фотографии» (Файл → Импорт фотографий…), затем вставьте здесь.</translation>
        </message>
        <message>
            <location filename="../../ui/draft_photos.py" line="56" />
            <source>&amp;Insert</source>
            <translation>&amp;Вставить</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="18" />
            <source>No sources yet. Use Edit → New record… (Ctrl+Shift+N) to add a person, an organisation or an official body.</source>
            <translation>Источников пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы добавить человека, организацию или государственный орган.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="20" />
            <source>No interviews yet. Use Edit → New record… (Ctrl+Shift+N) to add one, then type or paste its transcript.</source>
            <translation>Интервью пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы добавить интервью, затем наберите или вставьте расшифровку.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="22" />
            <source>No photos yet. Drop photos here or use File → Import photos… (Ctrl+Shift+I).</source>
            <translation>Фотографий пока нет. Перетащите их сюда или выберите Файл → Импорт фотографий… (Ctrl+Shift+I).</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="24" />
            <source>No documents yet. Drop a PDF, CSV or DOCX here or use File → Add document file…</source>
            <translation>Документов пока нет. Перетащите сюда PDF, CSV или DOCX или выберите Файл → Добавить документ (файл)…</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="26" />
            <source>No claims yet. Use Edit → New record… (Ctrl+Shift+N) to write down a statement the story makes, then link its evidence.</source>
            <translation>Утверждений пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы записать утверждение из материала, затем привяжите к нему доказательства.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="28" />
            <source>No requests for comment yet. Use Edit → New record… (Ctrl+Shift+N) to ask someone for their side.</source>
            <translation>Запросов комментария пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы запросить позицию другой стороны.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="30" />
            <source>No drafts yet. Use Edit → New record… (Ctrl+Shift+N) to start one.</source>
            <translation>Черновиков пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы начать черновик.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="31" />
            <source>No team members yet. Use Edit → New record… (Ctrl+Shift+N) to add the reporters, photographers and editors.</source>
            <translation>Участников команды пока нет. Выберите Правка → Новая запись… (Ctrl+Shift+N), чтобы добавить корреспондентов, фотографов и редакторов.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="33" />
            <source>The trash is empty.</source>
            <translation>Корзина пуста.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="35" />
            <source>Nothing here yet.</source>
            <translation>Здесь пока ничего нет.</translation>
        </message>
        <message>
            <location filename="../../ui/empty_view.py" line="15" />
            <source>No matches for “{text}”. Try fewer or other words.</source>
            <translation>По запросу «{text}» ничего не найдено. Попробуйте меньше слов или другие слова.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="57" />
            <source>Something went wrong</source>
            <translation>Что-то пошло не так</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="54" />
            <location filename="../../ui/start_screen.py" line="67" />
            <location filename="../../ui/start_screen.py" line="71" />
            <source>Casefile</source>
            <translation>Casefile</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="58" />
            <source>Casefile hit an unexpected problem ({k}). Your case file is safe: every change already made is saved. Details were written to {f}; please send that file with a bug report.</source>
            <translation>В Casefile возникла непредвиденная ошибка ({k}). Файл дела в сохранности: все уже сделанные изменения сохранены. Подробности записаны в {f}; пожалуйста, приложите этот файл к сообщению об ошибке.</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="34" />
            <source>Page</source>
            <translation>Страница</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="36" />
            <source>Table</source>
            <translation>Таблица</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="37" />
            <source>Paragraph</source>
            <translation>Абзац</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="38" />
            <source>Section</source>
            <translation>Раздел</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="39" />
            <source>Row</source>
            <translation>Строка таблицы</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="40" />
            <source>Line</source>
            <translation>Строка</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="41" />
            <source>Other (as typed)</source>
            <translation>Другое (как введено)</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="79" />
            <source>Passage</source>
            <translation>Фрагмент</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="80" />
            <source>The passage, word for word, as the document has it (several lines are fine)</source>
            <translation>Фрагмент дословно, как в документе (можно в несколько строк)</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="85" />
            <source>Locator kind</source>
            <translation>Тип ссылки на место</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="90" />
            <source>Where in the document</source>
            <translation>Где в документе</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="91" />
            <source>e.g. 14, 3–4, 2 (row “Primorye”)</source>
            <translation>например, 14, 3–4, 2 (строка «Приморье»)</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="95" />
            <source>Note</source>
            <translation>Заметка</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="96" />
            <source>what it shows, how it was checked (not published)</source>
            <translation>что это показывает, как проверено (не публикуется)</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="107" />
            <source>&amp;Passage</source>
            <translation>&amp;Фрагмент</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="108" />
            <source>&amp;Where</source>
            <translation>&amp;Где</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="111" />
            <source>Cited as</source>
            <translation>Цитируется как</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="112" />
            <source>N&amp;ote</source>
            <translation>&amp;Заметка</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="151" />
            <source>— no place given</source>
            <translation>— место не указано</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="156" />
            <source>Type or paste the passage first: an excerpt is the document's own words.</source>
            <translation>Сначала наберите или вставьте фрагмент: выдержка — это собственные слова документа.</translation>
        </message>
        <message>
            <location filename="../../ui/excerpt_form.py" line="167" />
            <source>Discard the excerpt as you typed it? What you typed here is not saved.</source>
            <translation>Отбросить набранную выдержку? Набранное здесь не сохранено.</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="58" />
            <location filename="../../ui/export_dialog.py" line="140" />
            <location filename="../../ui/window_files.py" line="313" />
            <location filename="../../ui/window_files.py" line="302" />
            <source>Export to Word</source>
            <translation>Экспорт в Word</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="60" />
            <location filename="../../ui/preferences.py" line="108" />
            <source>For the editor: comments, highlights, sourcing tables</source>
            <translation>Для редактора: комментарии, выделения, таблицы источников</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="61" />
            <location filename="../../ui/preferences.py" line="110" />
            <source>Clean: the text only</source>
            <translation>Чистовой: только текст</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="65" />
            <source>Evidence footnotes on every claim</source>
            <translation>Сноски с доказательствами к каждому утверждению</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="67" />
            <source>Keep photo metadata (EXIF, GPS) — off protects where photos were taken</source>
            <translation>Сохранить метаданные фото (EXIF, GPS) — если выключено, место съёмки не раскрывается</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="71" />
            <location filename="../../ui/field_copies.py" line="151" />
            <source>Output file</source>
            <translation>Файл результата</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="72" />
            <location filename="../../ui/field_copies.py" line="154" />
            <source>&amp;Browse…</source>
            <translation>&amp;Обзор…</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="80" />
            <source>Profile</source>
            <translation>Профиль</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="83" />
            <source>Save as</source>
            <translation>Сохранить как</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="94" />
            <source>&amp;Export</source>
            <translation>&amp;Экспортировать</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="107" />
            <source>Take the protected name out of the draft first.</source>
            <translation>Сначала уберите из черновика имя защищённого источника.</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="112" />
            <source>Export &amp;anyway</source>
            <translation>&amp;Всё равно экспортировать</translation>
        </message>
        <message>
            <location filename="../../ui/export_dialog.py" line="113" />
            <source>Export despite the blocking findings listed; the override is recorded on the draft version.</source>
            <translation>Экспортировать, несмотря на перечисленные блокирующие замечания; это решение записывается в версию черновика.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="355" />
            <location filename="../../ui/field_copies.py" line="121" />
            <location filename="../../ui/field_copies.py" line="197" />
            <location filename="../../ui/field_copies.py" line="230" />
            <source>Make a field copy</source>
            <translation>Создать полевую копию</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="398" />
            <source>Merge a field copy</source>
            <translation>Объединить полевую копию</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="85" />
            <location filename="../../ui/merge_review.py" line="163" />
            <source>Show more</source>
            <translation>Показать ещё</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="123" />
            <source>For</source>
            <translation>Для кого</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="124" />
            <source>(no one in particular)</source>
            <translation>(ни для кого конкретно)</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="128" />
            <source>Leaves out</source>
            <translation>Что не входит</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="140" />
            <source>Only &amp;some interviews</source>
            <translation>Только &amp;некоторые интервью</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="142" />
            <source>Interviews in the copy</source>
            <translation>Интервью в копии</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="143" />
            <source>Only some &amp;claims</source>
            <translation>Только некоторые &amp;утверждения</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="145" />
            <source>Claims in the copy</source>
            <translation>Утверждения в копии</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="167" />
            <source>&amp;For</source>
            <translation>&amp;Для кого</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="168" />
            <source>&amp;Leaves out</source>
            <translation>&amp;Что не входит</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="174" />
            <source>Save &amp;as</source>
            <translation>Сохранить &amp;как</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="179" />
            <source>&amp;Make the copy</source>
            <translation>&amp;Создать копию</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="208" />
            <source>Say where the copy is saved (Save as).</source>
            <translation>Укажите, куда сохранить копию (поле «Сохранить как»).</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="219" />
            <source>“Only some interviews” is ticked, but no interview is: tick the interviews the copy takes, or untick the box.</source>
            <translation>Отмечено «Только некоторые интервью», но ни одно интервью не выбрано: отметьте интервью для копии или снимите флажок.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="222" />
            <source>“Only some claims” is ticked, but no claim is: tick the claims the copy takes, or untick the box.</source>
            <translation>Отмечено «Только некоторые утверждения», но ни одно утверждение не выбрано: отметьте утверждения для копии или снимите флажок.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="384" />
            <source>Waiting for the job to end…</source>
            <translation>Ждём окончания задачи…</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="521" />
            <source>came in</source>
            <translation>пришло</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="521" />
            <source>changed</source>
            <translation>изменено</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="522" />
            <source>moved to the trash</source>
            <translation>перемещено в корзину</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="523" />
            <source>restored</source>
            <translation>восстановлено</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="59" />
            <source>{c} — field copy</source>
            <translation>{c} — полевая копия</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="161" />
            <source>Encrypted with this case's passphrase: give it to the contributor another way than the file.</source>
            <translation>Зашифрована паролем этого дела: передайте его корреспонденту иначе, чем сам файл.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="164" />
            <source>Not encrypted (this case is not encrypted either).</source>
            <translation>Не зашифрована (это дело тоже не зашифровано).</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="307" />
            <source>Make a fi&amp;eld copy…</source>
            <translation>Создать полев&amp;ую копию…</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="308" />
            <source>&amp;Merge a field copy…</source>
            <translation>Объ&amp;единить полевую копию…</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="399" />
            <location filename="../../ui/window_files.py" line="106" />
            <source>Case files</source>
            <translation>Файлы дел</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="403" />
            <source>That is this case file itself.</source>
            <translation>Это и есть файл этого дела.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="517" />
            <source>from a field copy</source>
            <translation>из полевой копии</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="518" />
            <source>from the case it was copied from</source>
            <translation>из дела, с которого снята копия</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="211" />
            <source>“{f}” is a folder: give the copy a file name in it.</source>
            <translation>«{f}» — это папка: укажите имя файла копии в ней.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="214" />
            <source>There is no folder “{f}”: choose one that exists.</source>
            <translation>Папки «{f}» нет: выберите существующую.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="217" />
            <source>“{f}” already exists: choose another name.</source>
            <translation>«{f}» уже существует: выберите другое имя.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="478" />
            <source>Wrote the field copy {p}: {n} records.</source>
            <translation>Полевая копия записана в {p}: записей — {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="482" />
            <source>Withheld from the copy ({n}):</source>
            <translation>Не вошло в копию ({n}):</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="528" />
            <source>nothing applied cleanly: the conflicts below wait for a decision</source>
            <translation>ничего не применилось без конфликтов: конфликты ниже ждут решения</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="530" />
            <source>nothing to change: this file already has everything in it</source>
            <translation>менять нечего: в этом файле уже всё есть</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="536" />
            <source>note: {n}</source>
            <translation>примечание: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="334" />
            <source>Review merge conf&amp;licts ({n} open)…</source>
            <translation>Конф&amp;ликты объединения (открыто: {n})…</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="371" />
            <source>Field copy cancelled: nothing was written.</source>
            <translation>Полевая копия отменена: ничего не записано.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="416" />
            <source>The cancel came too late: the merge was written.</source>
            <translation>Отмена пришла слишком поздно: слияние уже записано.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="419" />
            <source>Merge cancelled: nothing was changed.</source>
            <translation>Объединение отменено: ничего не изменено.</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="520" />
            <source>Merged {p} ({d}):</source>
            <translation>Слито: {p} ({d}):</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="532" />
            <source>Conflicts to review: {n}; this file's values stay until decided:</source>
            <translation>Конфликтов к разбору: {n}; значения этого файла остаются, пока вы не решите:</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="57" />
            <source>{c} — field copy for {m}</source>
            <translation>{c} — полевая копия для {m}</translation>
        </message>
        <message>
            <location filename="../../ui/field_copies.py" line="367" />
            <source>The cancel came too late: the field copy {p} was written.</source>
            <translation>Отмена пришла слишком поздно: полевая копия {p} уже записана.</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="75" />
            <source>Add documents</source>
            <translation>Добавить документы</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="59" />
            <source>Dropped pictures</source>
            <translation>Перетащенные изображения</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="62" />
            <source>Documents (a scan of a letter, a page)</source>
            <translation>Документы (скан письма, страницы)</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="62" />
            <location filename="../../ui/kinds.py" line="148" />
            <location filename="../../ui/window_lists.py" line="113" />
            <source>Photos</source>
            <translation>Фотографии</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="60" />
            <source>{n} picture(s) dropped on Documents. Add them as:</source>
            <translation>На «Документы» перетащено изображений: {n}. Добавить их как:</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="98" />
            <source>Added {n} document(s).</source>
            <translation>Добавлено документов: {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="94" />
            <location filename="../../ui/window_files.py" line="204" />
            <source>add document “{t}”</source>
            <translation>добавление документа «{t}»</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="95" />
            <source>add {n} documents</source>
            <translation>добавление документов ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/file_drop.py" line="100" />
            <source>Not added ({n}):</source>
            <translation>Не добавлено ({n}):</translation>
        </message>
        <message>
            <location filename="../../ui/forms.py" line="39" />
            <source>Source:</source>
            <translation>Источник:</translation>
        </message>
        <message>
            <location filename="../../ui/forms.py" line="37" />
            <source>Remove: {n}</source>
            <translation>Убрать: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/forms.py" line="37" />
            <source>Add: {n}</source>
            <translation>Добавить: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="46" />
            <source>“Mr. Petrov” on second reference (else “Petrov”)</source>
            <translation>«г-н Петров» при повторном упоминании (иначе «Петров»)</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="59" />
            <source>e.g. The Northern Ledger</source>
            <translation>например, «Северный вестник»</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="60" />
            <source>Printed in the author tagline (“… is a reporter for The Northern Ledger, based in Helsinki.”); a team member's own outlet wins.</source>
            <translation>Печатается в справке об авторе («… — корреспондент «Северного вестника» в Хельсинки.»); собственное издание участника команды важнее.</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="67" />
            <source>Courtesy titles</source>
            <translation>Обращения (г-н, г-жа)</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="68" />
            <source>Speech verb</source>
            <translation>Глагол речи</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="69" />
            <source>Dates</source>
            <translation>Даты</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="70" />
            <location filename="../../ui/team_panel.py" line="73" />
            <source>Outlet</source>
            <translation>Издание</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="49" />
            <source>said (news)</source>
            <translation>сказал (новости)</translation>
        </message>
        <message>
            <location filename="../../ui/house_style.py" line="49" />
            <source>says (features)</source>
            <translation>говорит (очерки)</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="45" />
            <location filename="../../ui/kinds.py" line="143" />
            <source>Held</source>
            <translation>Дата</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="46" />
            <location filename="../../ui/kinds.py" line="145" />
            <location filename="../../ui/kinds.py" line="151" />
            <location filename="../../ui/photo_panel.py" line="81" />
            <source>Place</source>
            <translation>Место</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="47" />
            <location filename="../../ui/kinds.py" line="146" />
            <source>Medium</source>
            <translation>Формат</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="48" />
            <location filename="../../ui/kinds.py" line="137" />
            <location filename="../../ui/source_form.py" line="122" />
            <source>Ground rules</source>
            <translation>Условия цитирования</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="49" />
            <source>Language</source>
            <translation>Язык</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="50" />
            <source>Interpreter</source>
            <translation>Переводчик</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="46" />
            <source>e.g. Blagoveshchensk, the market</source>
            <translation>например, Благовещенск, рынок</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="49" />
            <source>e.g. ru</source>
            <translation>например, ru</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="96" />
            <source>Transcript</source>
            <translation>Расшифровка</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="97" />
            <source>Make &amp;quote from selection</source>
            <translation>Сделать &amp;цитату из выделенного</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="105" />
            <source>&amp;Link quote to claim…</source>
            <translation>&amp;Привязать цитату к утверждению…</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="119" />
            <source>edit interview</source>
            <translation>изменение интервью</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="122" />
            <location filename="../../ui/interview_panel.py" line="124" />
            <source>Interviewees</source>
            <translation>Собеседники</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="132" />
            <source>&amp;Transcript</source>
            <translation>&amp;Расшифровка</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="133" />
            <source>&amp;Details</source>
            <translation>Свед&amp;ения</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="252" />
            <location filename="../../ui/interview_panel.py" line="249" />
            <source>Link quote to claim</source>
            <translation>Привязать цитату к утверждению</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="253" />
            <source>Which claim does the quote bear on?</source>
            <translation>К какому утверждению относится цитата?</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="121" />
            <source>Type a name to add an interviewee…</source>
            <translation>Введите имя, чтобы добавить собеседника…</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="250" />
            <source>There are no claims yet: add one under Claims first.</source>
            <translation>Утверждений пока нет: сначала добавьте утверждение в разделе «Утверждения».</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="319" />
            <source>Select the words of the quote first.</source>
            <translation>Сначала выделите слова цитаты.</translation>
        </message>
        <message>
            <location filename="../../ui/interview_panel.py" line="365" />
            <source>{n} quote(s) no longer match the transcript at their place; check them.</source>
            <translation>Цитат, больше не совпадающих с расшифровкой на своём месте: {n}; проверьте их.</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="134" />
            <source>Sources</source>
            <translation>Источники</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="141" />
            <source>Interviews</source>
            <translation>Интервью</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="156" />
            <location filename="../../ui/window_files.py" line="55" />
            <source>Documents</source>
            <translation>Документы</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="162" />
            <source>Claims</source>
            <translation>Утверждения</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="169" />
            <source>Requests for comment</source>
            <translation>Запросы комментария</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="175" />
            <source>Drafts</source>
            <translation>Черновики</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="180" />
            <location filename="../../ui/search_view.py" line="21" />
            <source>Team</source>
            <translation>Команда</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="186" />
            <source>Trash</source>
            <translation>Корзина</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="57" />
            <source>overdue</source>
            <translation>просрочено</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="73" />
            <source>protected</source>
            <translation>защищён</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="135" />
            <location filename="../../ui/kinds.py" line="181" />
            <location filename="../../ui/source_form.py" line="121" />
            <location filename="../../ui/team_panel.py" line="72" />
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="138" />
            <location filename="../../ui/kinds.py" line="182" />
            <location filename="../../ui/team_panel.py" line="72" />
            <source>Role</source>
            <translation>Роль</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="139" />
            <location filename="../../ui/source_form.py" line="129" />
            <source>Location</source>
            <translation>Местонахождение</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="144" />
            <source>With</source>
            <translation>С кем</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="149" />
            <location filename="../../ui/photo_panel.py" line="81" />
            <source>Caption</source>
            <translation>Подпись</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="150" />
            <location filename="../../ui/photo_panel.py" line="82" />
            <source>Taken</source>
            <translation>Снято</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="152" />
            <location filename="../../ui/photo_panel.py" line="82" />
            <source>Credit</source>
            <translation>Автор снимка</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="153" />
            <location filename="../../ui/photo_panel.py" line="88" />
            <source>Camera</source>
            <translation>Камера</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="170" />
            <source>Subject</source>
            <translation>Тема</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="171" />
            <location filename="../../ui/new_request.py" line="75" />
            <location filename="../../ui/new_request.py" line="90" />
            <location filename="../../ui/request_panel.py" line="123" />
            <location filename="../../ui/request_panel.py" line="135" />
            <source>To</source>
            <translation>Кому</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="172" />
            <location filename="../../ui/request_panel.py" line="127" />
            <location filename="../../ui/request_panel.py" line="134" />
            <source>Deadline</source>
            <translation>Срок</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="178" />
            <source>Updated</source>
            <translation>Изменено</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="183" />
            <location filename="../../ui/team_panel.py" line="74" />
            <source>Based in</source>
            <translation>Город</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="187" />
            <source>Deleted</source>
            <translation>Удалено</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="188" />
            <source>Items</source>
            <translation>Записей</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="189" />
            <location filename="../../ui/merge_review.py" line="155" />
            <source>When</source>
            <translation>Когда</translation>
        </message>
        <message>
            <location filename="../../ui/kinds.py" line="190" />
            <source>By</source>
            <translation>Кем</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="121" />
            <source>&amp;Open</source>
            <translation>&amp;Открыть</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="133" />
            <source>&amp;Tag…</source>
            <translation>&amp;Метка…</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="134" />
            <source>&amp;Batch edit…</source>
            <translation>&amp;Групповое изменение…</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="170" />
            <source>Tag</source>
            <translation>Метка</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="119" />
            <source>&amp;Delete permanently…</source>
            <translation>Удалить &amp;навсегда…</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="123" />
            <location filename="../../ui/list_menus.py" line="126" />
            <source>Open the &amp;file</source>
            <translation>Открыть &amp;файл</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="128" />
            <source>&amp;Copy</source>
            <translation>&amp;Копировать</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="128" />
            <source>&amp;Copy citation</source>
            <translation>&amp;Копировать ссылку на источник</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="132" />
            <source>&amp;Link to claim…</source>
            <translation>&amp;Привязать к утверждению…</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="136" />
            <source>&amp;Move to the trash</source>
            <translation>У&amp;брать в корзину</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="165" />
            <source>Copied</source>
            <translation>Скопировано</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="202" />
            <location filename="../../ui/list_menus.py" line="209" />
            <source>Delete permanently</source>
            <translation>Удалить навсегда</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="115" />
            <source>&amp;Restore</source>
            <translation>&amp;Восстановить</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="170" />
            <source>Tag to put on {what}:</source>
            <translation>Метка для записей ({what}):</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="136" />
            <source>&amp;Move {what} to the trash</source>
            <translation>У&amp;брать в корзину: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="164" />
            <source>Copied {n} lines</source>
            <translation>Скопировано строк: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="202" />
            <source>Delete {what} for good? This cannot be undone.</source>
            <translation>Удалить навсегда: {what}? Это нельзя отменить.</translation>
        </message>
        <message>
            <location filename="../../ui/list_menus.py" line="115" />
            <source>&amp;Restore {what}</source>
            <translation>&amp;Восстановить: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="181" />
            <source>Navigator</source>
            <translation>Навигатор</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="737" />
            <source> (encrypted)</source>
            <translation> (зашифровано)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="552" />
            <source>Name of the person or body:</source>
            <translation>Имя человека или название организации:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="553" />
            <source>Title of the interview:</source>
            <translation>Название интервью:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="554" />
            <source>Title of the document:</source>
            <translation>Название документа:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="555" />
            <source>The statement, as the story makes it:</source>
            <translation>Утверждение — так, как оно звучит в материале:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="556" />
            <source>Headline:</source>
            <translation>Заголовок:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="557" />
            <source>Name of the team member:</source>
            <translation>Имя участника команды:</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="567" />
            <location filename="../../ui/main_window.py" line="573" />
            <location filename="../../ui/window_toolbar.py" line="88" />
            <source>New record</source>
            <translation>Новая запись</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="577" />
            <source>new record “{name}”</source>
            <translation>новая запись «{name}»</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="740" />
            <source>No summary yet.</source>
            <translation>Краткого описания пока нет.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="231" />
            <source>make quote</source>
            <translation>создание цитаты</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="247" />
            <location filename="../../ui/new_request.py" line="133" />
            <source>new source</source>
            <translation>новый источник</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="612" />
            <source>Linked {n} piece(s) of evidence.</source>
            <translation>Привязано доказательств: {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="758" />
            <source>{p}  ·  format {v}  ·  {k} KB</source>
            <translation>{p}  ·  формат {v}  ·  {k} КБ</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="64" />
            <source>changed on both sides</source>
            <translation>изменено с обеих сторон</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="65" />
            <source>deleted in the other file, edited here</source>
            <translation>удалено в другом файле, изменено здесь</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="66" />
            <source>deleted here, edited in the other file</source>
            <translation>удалено здесь, изменено в другом файле</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="67" />
            <source>trashed in the other file, edited here</source>
            <translation>отправлено в корзину в другом файле, изменено здесь</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="69" />
            <source>trashed here, restored in the other file</source>
            <translation>отправлено в корзину здесь, восстановлено в другом файле</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="71" />
            <source>the copy makes a protected source nameable</source>
            <translation>копия разрешает называть защищённый источник</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="73" />
            <source>changed in a copy that saw it only with a protected identity withheld</source>
            <translation>изменено в копии, где защищённая личность была скрыта</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="75" />
            <source>trashed in the other file together with a record whose deletion waits for a decision</source>
            <translation>отправлено в корзину в другом файле вместе с записью, удаление которой ждёт решения</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="77" />
            <source>another tag here has that name</source>
            <translation>здесь уже есть другая метка с таким названием</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="81" />
            <source>cannot come in: </source>
            <translation>нельзя принять: </translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="82" />
            <source>cannot be taken: </source>
            <translation>нельзя взять: </translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="140" />
            <location filename="../../ui/merge_review.py" line="376" />
            <location filename="../../ui/merge_review.py" line="397" />
            <location filename="../../ui/merge_review.py" line="404" />
            <location filename="../../ui/merge_review.py" line="385" />
            <location filename="../../ui/merge_review.py" line="412" />
            <source>Merge conflicts</source>
            <translation>Конфликты объединения</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="141" />
            <source>Show &amp;resolved conflicts too</source>
            <translation>Показывать и &amp;решённые конфликты</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="150" />
            <source>Conflicts</source>
            <translation>Конфликты</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="166" />
            <source>Base — when the copy was made</source>
            <translation>Исходное — когда копия была создана</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="167" />
            <source>Mine — here</source>
            <translation>Моё — здесь</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="168" />
            <location filename="../../ui/merge_review.py" line="321" />
            <source>Theirs — in the copy</source>
            <translation>Их — в копии</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="171" />
            <source>Edited text</source>
            <translation>Исправленный текст</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="176" />
            <source>Keep &amp;mine</source>
            <translation>Оставить &amp;моё</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="177" />
            <source>Take &amp;theirs</source>
            <translation>Взять &amp;их</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="178" />
            <source>Use &amp;edited text</source>
            <translation>Взять и&amp;справленный текст</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="179" />
            <source>Re&amp;open</source>
            <translation>&amp;Открыть снова</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="180" />
            <source>Open the settled conflict again, with the value it had before</source>
            <translation>Снова открыть решённый конфликт, вернув прежнее значение</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="227" />
            <source>E&amp;dited text (used with “Use edited text”)</source>
            <translation>Исправленный &amp;текст (для «Взять исправленный текст»)</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="49" />
            <source>open</source>
            <translation>открыт</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="49" />
            <source>kept mine</source>
            <translation>оставлено моё</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="49" />
            <source>took theirs</source>
            <translation>взято их</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="50" />
            <source>edited</source>
            <translation>исправлено</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="154" />
            <source>Record</source>
            <translation>Запись</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="154" />
            <source>Field</source>
            <translation>Поле</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="154" />
            <source>Why</source>
            <translation>Причина</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="155" />
            <source>Changed there by</source>
            <translation>Кто изменил там</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="155" />
            <source>State</source>
            <translation>Состояние</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="276" />
            <source>No open conflicts.</source>
            <translation>Открытых конфликтов нет.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="328" />
            <source>Only text can be edited here: keep mine or take theirs.</source>
            <translation>Исправить здесь можно только текст: оставьте моё или возьмите их.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="378" />
            <source>keep mine: {r}, {f}</source>
            <translation>оставить моё: {r}, {f}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="378" />
            <source>take theirs: {r}, {f}</source>
            <translation>взять их: {r}, {f}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="379" />
            <source>edited text: {r}, {f}</source>
            <translation>исправленный текст: {r}, {f}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="426" />
            <source>That record cannot be shown: it is in the trash (File → Trash restores it) or no longer in this file.</source>
            <translation>Эту запись нельзя показать: она в корзине (восстановить — Файл → Корзина) или её больше нет в этом файле.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="189" />
            <location filename="../../ui/undo.py" line="234" />
            <source>&amp;Undo</source>
            <translation>&amp;Отменить</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="191" />
            <location filename="../../ui/undo.py" line="236" />
            <source>&amp;Redo</source>
            <translation>&amp;Повторить</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="398" />
            <source>Reopen this conflict? The edited text is replaced by the value before it, and Undo cannot bring the edited text back.</source>
            <translation>Снова открыть этот конфликт? Исправленный текст заменится прежним значением, и отмена не вернёт исправленный текст.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="274" />
            <source>{n} conflict(s) open — until you settle one, your value stays in place.</source>
            <translation>Открытых конфликтов: {n} — пока конфликт не решён, остаётся ваше значение.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="319" />
            <source>Theirs — in the copy, by {a} ({t})</source>
            <translation>Их — в копии, изменил(а) {a} ({t})</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="338" />
            <source>From {p}: {w}.</source>
            <translation>Из {p}: {w}.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="409" />
            <source>reopen: {r}, {f}</source>
            <translation>открыть снова: {r}, {f}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="342" />
            <source>Settled: {s}, by {b} ({t}). Undo or Reopen opens it again.</source>
            <translation>Решено: {s}, {b} ({t}). Отмена или «Открыть снова» снова открывает конфликт.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_review.py" line="344" />
            <source>Settled: {s}, by {b} ({t}). Reopen opens it again.</source>
            <translation>Решено: {s}, {b} ({t}). «Открыть снова» снова открывает конфликт.</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="143" />
            <source>Run the saved search again (right-click to rename or delete it)</source>
            <translation>Выполнить сохранённый поиск снова (правый щелчок — переименовать или удалить)</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="127" />
            <source>Saved searches</source>
            <translation>Сохранённые поиски</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="114" />
            <source>{section}, 1 item</source>
            <translation>{section}, записей: 1</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="114" />
            <source>{section}, {n} items</source>
            <translation>{section}, записей: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="139" />
            <source>Saved search {name}, 1 match</source>
            <translation>Сохранённый поиск {name}, одно совпадение</translation>
        </message>
        <message>
            <location filename="../../ui/navigator.py" line="140" />
            <source>Saved search {name}, {n} matches</source>
            <translation>Сохранённый поиск {name}, совпадений: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="129" />
            <location filename="../../ui/new_request.py" line="72" />
            <source>New request for comment</source>
            <translation>Новый запрос комментария</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="142" />
            <source>new request for comment</source>
            <translation>новый запрос комментария</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="79" />
            <location filename="../../ui/request_panel.py" line="85" />
            <source>What you are asking them about</source>
            <translation>О чём вы спрашиваете</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="80" />
            <location filename="../../ui/new_request.py" line="91" />
            <location filename="../../ui/request_panel.py" line="124" />
            <source>About</source>
            <translation>О чём</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="85" />
            <source>Sent, channel, deadline and the claims it concerns are filled in the form next.</source>
            <translation>Дата отправки, канал, срок и затронутые утверждения заполняются дальше в форме.</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="74" />
            <location filename="../../ui/request_panel.py" line="80" />
            <source>Type a name to choose or create…</source>
            <translation>Введите имя, чтобы выбрать или создать…</translation>
        </message>
        <message>
            <location filename="../../ui/new_request.py" line="60" />
            <source>{n} (new source)</source>
            <translation>{n} (новый источник)</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="64" />
            <source>What the photo shows, for the caption</source>
            <translation>Что на снимке — для подписи</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="70" />
            <source>e.g. used with permission; not for resale</source>
            <translation>например, используется с разрешения; не для перепродажи</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="86" />
            <source>Sources in the photo</source>
            <translation>Источники на снимке</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="177" />
            <source>edit photo</source>
            <translation>изменение фотографии</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="74" />
            <source>Type a name to add someone in it…</source>
            <translation>Введите имя, чтобы добавить человека на снимке…</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="83" />
            <source>Rights</source>
            <translation>Права</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="83" />
            <source>In the photo</source>
            <translation>На снимке</translation>
        </message>
        <message>
            <location filename="../../ui/photo_panel.py" line="87" />
            <source>GPS</source>
            <translation>GPS</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="52" />
            <source>{n} — protected: never named outside this file</source>
            <translation>{n} — защищён: вне этого файла никогда не называется</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="67" />
            <source>No one yet.</source>
            <translation>Пока никого.</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="111" />
            <source>No claims yet.</source>
            <translation>Утверждений пока нет.</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="136" />
            <source>No credit.</source>
            <translation>Автор не указан.</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="39" />
            <source>protected source</source>
            <translation>защищённый источник</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="110" />
            <source>Type words of a claim to add it…</source>
            <translation>Введите слова утверждения, чтобы добавить его…</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="135" />
            <source>Type the name of a team member or a source…</source>
            <translation>Введите имя участника команды или источника…</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="147" />
            <source>{n} (source)</source>
            <translation>{n} (источник)</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="65" />
            <source>Type a name to add a source…</source>
            <translation>Введите имя, чтобы добавить источник…</translation>
        </message>
        <message>
            <location filename="../../ui/pickers.py" line="146" />
            <source>{n} (team)</source>
            <translation>{n} (команда)</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="86" />
            <source>Automatic (the system's language)</source>
            <translation>Автоматически (язык системы)</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="97" />
            <source>Preferences</source>
            <translation>Параметры</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="115" />
            <source>The default: Casefile's folder in your user data</source>
            <translation>По умолчанию: папка Casefile в ваших пользовательских данных</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="116" />
            <source>Backup folder</source>
            <translation>Папка резервных копий</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="117" />
            <source>&amp;Choose…</source>
            <translation>&amp;Выбрать…</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="120" />
            <source>&amp;Default</source>
            <translation>По &amp;умолчанию</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="144" />
            <source>&amp;Theme</source>
            <translation>&amp;Тема</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="145" />
            <source>Export &amp;profile</source>
            <translation>&amp;Профиль экспорта</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="146" />
            <source>&amp;Backups go to</source>
            <translation>&amp;Резервные копии в</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="148" />
            <source>From the next backup on; earlier backups stay where they are.</source>
            <translation>Со следующей резервной копии; прежние копии остаются на месте.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="151" />
            <source>Interface &amp;language</source>
            <translation>&amp;Язык интерфейса</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="179" />
            <source>The new language is used from the next start of Casefile.</source>
            <translation>Новый язык будет использоваться со следующего запуска Casefile.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="184" />
            <source>Where automatic backups go</source>
            <translation>Куда сохранять автоматические резервные копии</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="102" />
            <source>Follow the system</source>
            <translation>Как в системе</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="102" />
            <source>Light</source>
            <translation>Светлая</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="103" />
            <source>Dark</source>
            <translation>Тёмная</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" line="190" />
            <source>Backups cannot be written to “{d}”: choose a folder you can write to. Backups still go where they went.</source>
            <translation>В «{d}» нельзя записывать резервные копии: выберите папку, доступную для записи. Копии по-прежнему сохраняются туда же, куда и раньше.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="43" />
            <source>As the interview</source>
            <translation>Как в интервью</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="44" />
            <source>(the interviewee)</source>
            <translation>(собеседник)</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="45" />
            <location filename="../../ui/search_view.py" line="22" />
            <source>Quote</source>
            <translation>Цитата</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="45" />
            <location filename="../../ui/quote_list.py" line="198" />
            <source>Speaker</source>
            <translation>Говорящий</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="45" />
            <source>Rules</source>
            <translation>Условия</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="45" />
            <location filename="../../ui/quote_list.py" line="210" />
            <source>Translation</source>
            <translation>Перевод</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="49" />
            <source>On record</source>
            <translation>Под запись</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="49" />
            <source>Background</source>
            <translation>Без ссылки на имя</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="50" />
            <location filename="../../ui/source_form.py" line="38" />
            <source>Deep background</source>
            <translation>Только для ориентировки (deep background)</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="51" />
            <source>Off record</source>
            <translation>Не для записи</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="52" />
            <source>Confidential</source>
            <translation>Конфиденциально</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="300" />
            <source>&amp;Quotes</source>
            <translation>Ц&amp;итаты</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="91" />
            <source>Quotes</source>
            <translation>Цитаты</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="199" />
            <source>Who says these words; none: the interviewee</source>
            <translation>Кто произносит эти слова; если никто не указан — собеседник</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="201" />
            <source>Ground rules of the quote</source>
            <translation>Условия цитирования для этой цитаты</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="206" />
            <source>Original</source>
            <translation>Оригинал</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="207" />
            <source>the words in the language they were said in</source>
            <translation>слова на том языке, на котором они были сказаны</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="211" />
            <source>the quote in the story's language</source>
            <translation>цитата на языке материала</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="220" />
            <source>S&amp;peaker</source>
            <translation>&amp;Говорящий</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="221" />
            <source>Gro&amp;und rules</source>
            <translation>&amp;Условия цитирования</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="222" />
            <source>Ori&amp;ginal</source>
            <translation>&amp;Оригинал</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="223" />
            <source>Tra&amp;nslation</source>
            <translation>Перево&amp;д</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="171" />
            <source>Type a name to choose who says it…</source>
            <translation>Введите имя, чтобы выбрать говорящего…</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="283" />
            <source>edit quote</source>
            <translation>изменение цитаты</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="78" />
            <source>{i}; the speaker's own: {r}</source>
            <translation>{i}; у самого говорящего: {r}</translation>
        </message>
        <message>
            <location filename="../../ui/quote_list.py" line="131" />
            <source>No longer matches the transcript at its place: “{t}”</source>
            <translation>Больше не совпадает с расшифровкой на своём месте: «{t}»</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="57" />
            <location filename="../../ui/quote_wording_box.py" line="67" />
            <source>Published wording</source>
            <translation>Текст в публикации</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="68" />
            <source>As the story prints the quote (cleaned up, or translated); empty: the transcript words</source>
            <translation>Как цитата печатается в материале (отредактированная или переведённая); пусто — слова из расшифровки</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="80" />
            <source>&amp;Accept wording</source>
            <translation>Приня&amp;ть формулировку</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="81" />
            <source>The change from the transcript words is deliberate: the checker takes this wording</source>
            <translation>Отличие от слов расшифровки намеренное: проверка принимает эту формулировку</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="180" />
            <source>edit published wording</source>
            <translation>изменение текста в публикации</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="195" />
            <source>accept published wording</source>
            <translation>принятие текста в публикации</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="109" />
            <source>Put the cursor in a quote to give the wording the story prints it in.</source>
            <translation>Поставьте курсор в цитату, чтобы задать формулировку, в которой её печатает материал.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="139" />
            <source>Changes from the translation:</source>
            <translation>Отличия от перевода:</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="140" />
            <source>Changes from the transcript:</source>
            <translation>Отличия от расшифровки:</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="149" />
            <source>✓ Accepted: the checker takes this wording.</source>
            <translation>✓ Принято: проверка принимает эту формулировку.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="132" />
            <source>Printed as in the transcript.</source>
            <translation>Печатается как в расшифровке.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="145" />
            <source>The same words as the transcript.</source>
            <translation>Те же слова, что в расшифровке.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="152" />
            <source>Changed since it was accepted: accept it again.</source>
            <translation>Изменено после принятия: примите ещё раз.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="155" />
            <source>Not accepted: the checker blocks this wording.</source>
            <translation>Не принято: проверка блокирует эту формулировку.</translation>
        </message>
        <message>
            <location filename="../../ui/quote_wording_box.py" line="112" />
            <source>Transcript words: “{w}”</source>
            <translation>Слова из расшифровки: «{w}»</translation>
        </message>
        <message>
            <location filename="../../ui/record_form.py" line="64" />
            <source>{f}: “{t}” is not a date and time; write it as 2026-03-14 10:30 or 2026-03-14 10:30 +10:00</source>
            <translation>{f}: «{t}» — не дата и время; запишите в виде 2026-03-14 10:30 или 2026-03-14 10:30 +10:00</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="98" />
            <source>Chosen</source>
            <translation>Выбрано</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="108" />
            <source>Matches</source>
            <translation>Совпадения</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="111" />
            <source>None yet.</source>
            <translation>Пока нет.</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="103" />
            <location filename="../../ui/window_search.py" line="45" />
            <source>Search</source>
            <translation>Поиск</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="212" />
            <source>Remove {n}</source>
            <translation>Убрать: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="295" />
            <source>Create “{t}” as a new source</source>
            <translation>Создать «{t}» как новый источник</translation>
        </message>
        <message>
            <location filename="../../ui/record_picker.py" line="300" />
            <source>Nothing matches “{t}”</source>
            <translation>Ничего не подходит под «{t}»</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="35" />
            <source>Pending</source>
            <translation>Ожидает ответа</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="35" />
            <source>Answered</source>
            <translation>Ответ получен</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="36" />
            <source>Declined to comment</source>
            <translation>Отказ от комментариев</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="37" />
            <source>No response</source>
            <translation>Нет ответа</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="42" />
            <location filename="../../ui/undo.py" line="213" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>email</source>
            <translation>эл. почта</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="42" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>phone</source>
            <translation>телефон</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="42" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>letter</source>
            <translation>письмо</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="43" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>in person</source>
            <translation>лично</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="43" />
            <source>messenger</source>
            <translation>мессенджер</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="44" />
            <source>press office</source>
            <translation>пресс-служба</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="44" />
            <source>website form</source>
            <translation>форма на сайте</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="109" />
            <source>Their answer, word for word</source>
            <translation>Их ответ, дословно</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="125" />
            <source>Sent</source>
            <translation>Отправлен</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="126" />
            <source>Channel</source>
            <translation>Канал</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="129" />
            <source>Answer</source>
            <translation>Ответ</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="130" />
            <source>Answered on</source>
            <translation>Дата ответа</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="131" />
            <source>Concerns</source>
            <translation>Касается</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="132" />
            <source>In the story</source>
            <translation>В материале</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="136" />
            <source>Claims the request concerns</source>
            <translation>Утверждения, которых касается запрос</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="263" />
            <source>edit request for comment</source>
            <translation>изменение запроса комментария</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="179" />
            <source>Overdue: the deadline passed without an answer.</source>
            <translation>Просрочено: срок прошёл, ответа нет.</translation>
        </message>
        <message>
            <location filename="../../ui/request_panel.py" line="226" />
            <source>A request for comment needs someone it is to: type another name to change it.</source>
            <translation>У запроса комментария должен быть адресат: чтобы сменить его, введите другое имя.</translation>
        </message>
        <message>
            <location filename="../../ui/save_indicator.py" line="36" />
            <source>Save state</source>
            <translation>Состояние сохранения</translation>
        </message>
        <message>
            <location filename="../../ui/save_indicator.py" line="70" />
            <source>Saving…</source>
            <translation>Сохранение…</translation>
        </message>
        <message>
            <location filename="../../ui/save_indicator.py" line="73" />
            <source>Every change is written to the case file as you make it.</source>
            <translation>Каждое изменение записывается в файл дела сразу.</translation>
        </message>
        <message>
            <location filename="../../ui/save_indicator.py" line="72" />
            <source>Saved {time}</source>
            <translation>Сохранено в {time}</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="196" />
            <source>This search names a protected source. Saved searches are kept in your settings, outside the case file, so it is not saved: search for it again when you need it.</source>
            <translation>В этом поиске назван защищённый источник. Сохранённые поиски хранятся в ваших настройках, вне файла дела, поэтому он не сохранён: при необходимости выполните поиск заново.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="179" />
            <source>A saved search was removed from your settings: it names a source that is now protected.</source>
            <translation>Сохранённый поиск удалён из ваших настроек: в нём назван источник, который теперь защищён.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="301" />
            <source>&amp;Run again</source>
            <translation>&amp;Выполнить снова</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="302" />
            <source>Re&amp;name…</source>
            <translation>Пере&amp;именовать…</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="303" />
            <source>&amp;Delete…</source>
            <translation>&amp;Удалить…</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="70" />
            <source>A saved search needs a name and words to search for.</source>
            <translation>Сохранённому поиску нужны название и слова для поиска.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="79" />
            <source>A saved search needs a name.</source>
            <translation>Сохранённому поиску нужно название.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="192" />
            <location filename="../../ui/saved_searches.py" line="200" />
            <location filename="../../ui/saved_searches.py" line="203" />
            <location filename="../../ui/saved_searches.py" line="208" />
            <location filename="../../ui/saved_searches.py" line="211" />
            <location filename="../../ui/saved_searches.py" line="217" />
            <location filename="../../ui/window_toolbar.py" line="98" />
            <source>Save this search</source>
            <translation>Сохранить этот поиск</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="193" />
            <source>Search for something first (Ctrl+F), then save the search to find it again in the navigator.</source>
            <translation>Сначала выполните поиск (Ctrl+F), затем сохраните его, чтобы снова найти в навигаторе.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="204" />
            <source>Name of the saved search:</source>
            <translation>Название сохранённого поиска:</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="241" />
            <location filename="../../ui/saved_searches.py" line="245" />
            <location filename="../../ui/saved_searches.py" line="252" />
            <source>Rename saved search</source>
            <translation>Переименовать сохранённый поиск</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="241" />
            <source>New name:</source>
            <translation>Новое название:</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="245" />
            <source>This name names a protected source. Saved searches are kept in your settings, outside the case file: choose another name.</source>
            <translation>В этом названии назван защищённый источник. Сохранённые поиски хранятся в ваших настройках, вне файла дела: выберите другое название.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="263" />
            <source>Delete saved search</source>
            <translation>Удалить сохранённый поиск</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="182" />
            <source>{n} saved searches were removed from your settings: they name a source that is now protected.</source>
            <translation>Из ваших настроек удалены сохранённые поиски ({n}): в них назван источник, который теперь защищён.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="222" />
            <source>Saved the search “{name}”: it is listed in the navigator.</source>
            <translation>Поиск «{name}» сохранён: он есть в навигаторе.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="81" />
            <source>There is already a saved search called “{name}”.</source>
            <translation>Сохранённый поиск «{name}» уже есть.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="264" />
            <source>Delete the saved search “{name}”? The records it finds stay as they are.</source>
            <translation>Удалить сохранённый поиск «{name}»? Найденные им записи останутся как есть.</translation>
        </message>
        <message>
            <location filename="../../ui/saved_searches.py" line="212" />
            <source>Replace the saved search “{name}”?</source>
            <translation>Заменить сохранённый поиск «{name}»?</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="21" />
            <source>Source</source>
            <translation>Источник</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="21" />
            <source>Interview</source>
            <translation>Интервью</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="22" />
            <source>Document</source>
            <translation>Документ</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="22" />
            <source>Excerpt</source>
            <translation>Выдержка</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="23" />
            <source>Photo</source>
            <translation>Фотография</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="23" />
            <source>Claim</source>
            <translation>Утверждение</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="23" />
            <source>Request</source>
            <translation>Запрос</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="24" />
            <source>Draft</source>
            <translation>Черновик</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="24" />
            <source>Attachment</source>
            <translation>Вложение</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="77" />
            <source>Match</source>
            <translation>Совпадение</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="36" />
            <source>No matches for “{q}”</source>
            <translation>По запросу «{q}» ничего не найдено</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="38" />
            <source>1 match for “{q}” — Enter opens it</source>
            <translation>По запросу «{q}» одно совпадение — Enter открывает его</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="43" />
            <source>{n} matches for “{q}” — Enter opens one</source>
            <translation>Найдено по запросу «{q}»: {n} — Enter открывает выбранное</translation>
        </message>
        <message>
            <location filename="../../ui/search_view.py" line="40" />
            <source>{n} matches for “{q}” — the best {shown} are listed; Enter opens one</source>
            <translation>Найдено по запросу «{q}»: {n}; показаны лучшие ({shown}) — Enter открывает выбранное</translation>
        </message>
        <message>
            <location filename="../../ui/share_choices.py" line="12" />
            <source>For an editor or colleague — protected sources as their pseudonyms; no contact details, notes, deleted records, photo GPS/metadata, or transcripts of interviews with protected sources (their quotes used as evidence stay); files that cannot be checked are withheld</source>
            <translation>Для редактора или коллеги — защищённые источники под псевдонимами; без контактов, заметок, удалённых записей, GPS и метаданных фото, расшифровок интервью с защищёнными источниками (их цитаты, использованные как доказательства, остаются); файлы, которые нельзя проверить, не включаются</translation>
        </message>
        <message>
            <location filename="../../ui/share_choices.py" line="16" />
            <source>Complete copy — everything, for your own use or another computer</source>
            <translation>Полная копия — всё, для себя или для другого компьютера</translation>
        </message>
        <message>
            <location filename="../../ui/share_choices.py" line="17" />
            <source>For an editor or colleague, including the transcripts and attachments of interviews with protected sources (redacted)</source>
            <translation>Для редактора или коллеги, включая расшифровки и вложения интервью с защищёнными источниками (с вымарками)</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="110" />
            <location filename="../../ui/shortcuts_sheet.py" line="113" />
            <source>Keyboard shortcuts</source>
            <translation>Сочетания клавиш</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="134" />
            <source>Alt and the underlined letter opens a menu or picks an entry; Tab and Shift+Tab move between the lists and fields.</source>
            <translation>Alt и подчёркнутая буква открывают меню или выбирают пункт; Tab и Shift+Tab переходят между списками и полями.</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="101" />
            <source>In lists, fields and panels</source>
            <translation>В списках, полях и панелях</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="115" />
            <source>Action</source>
            <translation>Действие</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="115" />
            <source>Keys</source>
            <translation>Клавиши</translation>
        </message>
        <message>
            <location filename="../../ui/shortcuts_sheet.py" line="96" />
            <source>Shortcut</source>
            <translation>Сочетание клавиш</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="36" />
            <source>On the record</source>
            <translation>Под запись (с именем)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="37" />
            <source>Background (not for attribution)</source>
            <translation>Без имени (background)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="39" />
            <source>Off the record</source>
            <translation>Не для записи</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="40" />
            <source>Confidential (pseudonym only)</source>
            <translation>Только псевдоним</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="42" />
            <source>Person</source>
            <translation>Человек</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="42" />
            <source>Organisation</source>
            <translation>Организация</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="43" />
            <source>Official body</source>
            <translation>Государственный орган</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="44" />
            <source>Auto (by rule)</source>
            <translation>Авто (по правилу)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="47" />
            <source>Auto (from the wording)</source>
            <translation>Авто (по формуле)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="48" />
            <source>Noun phrase (“owner of …”)</source>
            <translation>Приложение («владелец …»)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="49" />
            <source>Relative clause (“who …”)</source>
            <translation>Придаточное («который …»)</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="85" />
            <source>e.g. a customs broker in Blagoveshchensk</source>
            <translation>например, таможенный брокер из Благовещенска</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="92" />
            <source>The article the name takes in print: “the Embassy of Japan”, “Sberbank”. Auto decides by rule.</source>
            <translation>Артикль, с которым название печатается по-английски: «the Embassy of Japan», «Sberbank». «Авто» решает по правилу.</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="98" />
            <source>How the role follows the name: a noun phrase (“Yuri Petrov, owner of a timber yard”) or a relative clause (“Anna Kim, who runs a bakery in Tver”). Auto reads it from how the role is written.</source>
            <translation>Как роль следует за именем: приложение («Юрий Петров, владелец лесопилки») или придаточное («Анна Ким, которая держит пекарню в Твери»). «Авто» определяет по тому, как написана роль.</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="113" />
            <source>Records involving this source</source>
            <translation>Записи, в которых участвует этот источник</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="273" />
            <source>PROTECTED SOURCE — never named in exports</source>
            <translation>ЗАЩИЩЁННЫЙ ИСТОЧНИК — не называется</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="123" />
            <source>Attribution phrase</source>
            <translation>Формула ссылки</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="124" />
            <source>Second reference</source>
            <translation>Повторное упоминание</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="125" />
            <source>Article</source>
            <translation>Артикль</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="126" />
            <source>Role / title</source>
            <translation>Роль / должность</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="127" />
            <source>Role reads as</source>
            <translation>Роль читается как</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="128" />
            <source>Affiliation</source>
            <translation>Организация / место работы</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="130" />
            <source>First reference</source>
            <translation>Первое упоминание</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="140" />
            <source>Involved in</source>
            <translation>Участвует в</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="237" />
            <source>— the attribution phrase it prints as is still missing</source>
            <translation>— формула ссылки, с которой он печатается, ещё не задана</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="244" />
            <source>— never attributed in print</source>
            <translation>— в печати никогда не указывается</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="266" />
            <source>Required: the story may only refer to this source by this phrase or pseudonym.</source>
            <translation>Обязательно: материал называет источник только так.</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="269" />
            <source>This source is never attributed in print.</source>
            <translation>Этот источник в печати никогда не указывается.</translation>
        </message>
        <message>
            <location filename="../../ui/source_form.py" line="279" />
            <source>edit source “{n}”</source>
            <translation>изменение источника «{n}»</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="47" />
            <source>Not found</source>
            <translation>Не найдено</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="76" />
            <source>Everything about one story — sources, interviews, documents, photos, claims and the draft — in one file on this computer.</source>
            <translation>Всё об одном материале — источники, интервью, документы, фотографии, утверждения и черновик — в одном файле на этом компьютере.</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="79" />
            <source>&amp;New case…</source>
            <translation>&amp;Новое дело…</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="82" />
            <location filename="../../ui/window_menus.py" line="51" />
            <source>&amp;Open…</source>
            <translation>&amp;Открыть…</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="84" />
            <source>Open the &amp;sample case</source>
            <translation>Открыть &amp;пример дела</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="86" />
            <source>A finished story to look around in (“Border trade on the Amur”); your own cases are not touched.</source>
            <translation>Готовый материал, чтобы осмотреться («Приграничная торговля на Амуре»); ваши дела не затрагиваются.</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="106" />
            <location filename="../../ui/start_screen.py" line="113" />
            <source>Recent cases</source>
            <translation>Недавние дела</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="122" />
            <source>No case opened yet. Start a new case, or look around the sample case first.</source>
            <translation>Ни одно дело ещё не открывалось. Начните новое дело или сначала осмотритесь в примере.</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="126" />
            <source>&amp;Remove from the list</source>
            <translation>&amp;Убрать из списка</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="128" />
            <source>Forget the selected entry; the file is not touched.</source>
            <translation>Забыть выбранную строку; сам файл не затрагивается.</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="114" />
            <source>Case file</source>
            <translation>Файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="114" />
            <source>Folder</source>
            <translation>Папка</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="114" />
            <source>Last opened</source>
            <translation>Открывалось</translation>
        </message>
        <message>
            <location filename="../../ui/start_screen.py" line="39" />
            <source>“{f}” is not in {d} any more: moved, renamed, or on a drive that is not connected. Use Open… to open it from where it is now.</source>
            <translation>«{f}» больше нет в {d}: файл перемещён, переименован или находится на неподключённом диске. Откройте его там, где он сейчас, через «Открыть…».</translation>
        </message>
        <message>
            <location filename="../../ui/table_model.py" line="279" />
            <source>Click to sort by this column</source>
            <translation>Щёлкните, чтобы сортировать по этому столбцу</translation>
        </message>
        <message>
            <location filename="../../ui/table_model.py" line="280" />
            <source>This column cannot be sorted</source>
            <translation>Этот столбец нельзя сортировать</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="278" />
            <source>Delete the old tag for good and add a new one here</source>
            <translation>Удалить старую метку навсегда и добавить здесь новую</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="181" />
            <location filename="../../ui/tag_editor.py" line="248" />
            <location filename="../../ui/tag_pane.py" line="51" />
            <location filename="../../ui/tag_pane.py" line="73" />
            <source>Tags</source>
            <translation>Метки</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="190" />
            <source>Add a tag…</source>
            <translation>Добавить метку…</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="191" />
            <location filename="../../ui/tag_editor.py" line="234" />
            <location filename="../../ui/tag_editor.py" line="280" />
            <location filename="../../ui/tag_editor.py" line="291" />
            <source>Add a tag</source>
            <translation>Добавить метку</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="241" />
            <source>Remove a tag</source>
            <translation>Снять метку</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="274" />
            <source>Put the old tag back (on the record it was on too) and add it here</source>
            <translation>Вернуть старую метку (и на запись, где она стояла) и добавить её здесь</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="140" />
            <location filename="../../ui/tag_editor.py" line="141" />
            <source>Remove the tag “{tag}”</source>
            <translation>Снять метку «{tag}»</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="276" />
            <source>Put the old tag back (on the {n} records it was on too) and add it here</source>
            <translation>Вернуть старую метку (и на записи, где она стояла, — {n}) и добавить её здесь</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="281" />
            <source>A tag “{tag}” is in the trash. What should happen to it?</source>
            <translation>Метка «{tag}» лежит в корзине. Что с ней сделать?</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="157" />
            <source>tag “{tag}”</source>
            <translation>метка «{tag}»</translation>
        </message>
        <message>
            <location filename="../../ui/tag_editor.py" line="157" />
            <source>untag “{tag}”</source>
            <translation>снятие метки «{tag}»</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="58" />
            <source>Show all</source>
            <translation>Показать все</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="59" />
            <source>Show every record again, tagged or not</source>
            <translation>Снова показать все записи, с метками и без</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="66" />
            <location filename="../../ui/tag_pane.py" line="67" />
            <source>Filter tags</source>
            <translation>Фильтр меток</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="177" />
            <source>&amp;Rename tag…</source>
            <translation>&amp;Переименовать метку…</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="178" />
            <source>&amp;Delete tag…</source>
            <translation>&amp;Удалить метку…</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="204" />
            <source>Delete the tag “{tag}”? It comes off the one record that carries it; the record itself stays. The tag goes to the trash: restoring it from there puts it back on the record.</source>
            <translation>Удалить метку «{tag}»? Она будет снята с единственной записи, на которой стоит; сама запись останется. Метка уходит в корзину: если восстановить её оттуда, она вернётся на запись.</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="208" />
            <source>Delete the tag “{tag}”? It comes off the {n} records that carry it; the records themselves stay. The tag goes to the trash: restoring it from there puts it back on them.</source>
            <translation>Удалить метку «{tag}»? Она будет снята с записей, на которых стоит ({n}); сами записи останутся. Метка уходит в корзину: если восстановить её оттуда, она вернётся на эти записи.</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="160" />
            <source>No tags here yet. Add one in the row above a record's form.</source>
            <translation>Меток пока нет. Добавьте метку в строке над формой записи.</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="185" />
            <location filename="../../ui/tag_pane.py" line="191" />
            <source>Rename tag</source>
            <translation>Переименовать метку</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="185" />
            <source>New name of the tag:</source>
            <translation>Новое название метки:</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="212" />
            <location filename="../../ui/tag_pane.py" line="212" />
            <location filename="../../ui/tag_pane.py" line="220" />
            <source>Delete tag</source>
            <translation>Удалить метку</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="151" />
            <source>Click again to show every record</source>
            <translation>Щёлкните ещё раз, чтобы показать все записи</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="163" />
            <source>Choose a section to narrow its list by a tag.</source>
            <translation>Выберите раздел, чтобы отобрать его записи по метке.</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="150" />
            <source>Show only the records tagged “{tag}”</source>
            <translation>Показать только записи с меткой «{tag}»</translation>
        </message>
        <message>
            <location filename="../../ui/tag_pane.py" line="165" />
            <source>Showing only records tagged “{tag}”.</source>
            <translation>Показаны только записи с меткой «{tag}».</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="31" />
            <source>Reporter</source>
            <translation>Корреспондент</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="31" />
            <source>Contributor</source>
            <translation>Соавтор</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="32" />
            <source>Fixer</source>
            <translation>Фиксер</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="32" />
            <source>Translator</source>
            <translation>Переводчик</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="33" />
            <source>Photographer</source>
            <translation>Фотограф</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="33" />
            <source>Editor</source>
            <translation>Редактор</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="58" />
            <source>e.g. Vladivostok</source>
            <translation>например, Владивосток</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="62" />
            <source>not on the byline</source>
            <translation>не в подписи</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="65" />
            <source>New drafts start with the members who have a byline position, in that order; each draft can then change its own byline.</source>
            <translation>Новые черновики начинаются с участников, у которых есть место в подписи, в этом порядке; затем в каждом черновике подпись можно изменить.</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="74" />
            <source>Email</source>
            <translation>Эл. почта</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="75" />
            <source>Byline position</source>
            <translation>Место в подписи</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="121" />
            <source>e.g. The Northern Ledger (empty: the house style's outlet)</source>
            <translation>например, «Северный вестник» (пусто — из редакционного стиля)</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="132" />
            <source>edit team member “{n}”</source>
            <translation>изменение участника команды «{n}»</translation>
        </message>
        <message>
            <location filename="../../ui/team_panel.py" line="120" />
            <source>as the house style: {o}</source>
            <translation>как в редакционном стиле: {o}</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="19" />
            <source>This claim is anchored in one draft and has one piece of evidence. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту одного черновика и имеет одно доказательство. Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="21" />
            <source>This claim is anchored in one draft and has {e} pieces of evidence. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту одного черновика и имеет доказательства ({e}). Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="23" />
            <source>This claim is anchored in {d} drafts and has one piece of evidence. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту черновиков ({d}) и имеет одно доказательство. Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="25" />
            <source>This claim is anchored in {d} drafts and has {e} pieces of evidence. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту черновиков ({d}) и имеет доказательства ({e}). Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="27" />
            <source>This claim is anchored in one draft. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту одного черновика. Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="28" />
            <source>This claim is anchored in {d} drafts. Move it to the trash?</source>
            <translation>Это утверждение привязано к тексту черновиков ({d}). Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="29" />
            <source>This claim has one piece of evidence. Move it to the trash?</source>
            <translation>У этого утверждения есть одно доказательство. Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="30" />
            <source>This claim has {e} pieces of evidence. Move it to the trash?</source>
            <translation>У этого утверждения есть доказательства ({e}). Переместить его в корзину?</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="37" />
            <source>“{name}” has content added since it was created. Undoing its creation moves it, and what it holds, to the trash.</source>
            <translation>В «{name}» после создания добавлено содержимое. Отмена создания переместит запись вместе с содержимым в корзину.</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="44" />
            <source>One of the records this import brought in is used elsewhere in the case (a draft, evidence, a credit). Undoing the import moves it, and every record of the import, to the trash.</source>
            <translation>Одна из записей, добавленных этим импортом, используется в деле в другом месте (черновик, доказательство, авторство снимка). Отмена импорта переместит её и все записи импорта в корзину.</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="47" />
            <source>{u} of the records this import brought in are used elsewhere in the case (a draft, evidence, a credit). Undoing the import moves them, and every record of the import, to the trash.</source>
            <translation>Записи, добавленные этим импортом ({u}), используются в деле в другом месте (черновик, доказательство, авторство снимка). Отмена импорта переместит их и все записи импорта в корзину.</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="51" />
            <source>One of the records this import brought in was edited since. Undoing the import moves it, and every record of the import, to the trash.</source>
            <translation>Одна из записей, добавленных этим импортом, с тех пор изменена. Отмена импорта переместит её и все записи импорта в корзину.</translation>
        </message>
        <message>
            <location filename="../../ui/trash_questions.py" line="54" />
            <source>{c} of the records this import brought in were edited since. Undoing the import moves them, and every record of the import, to the trash.</source>
            <translation>Записи, добавленные этим импортом ({c}), с тех пор изменены. Отмена импорта переместит их и все записи импорта в корзину.</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="205" />
            <source>notes</source>
            <translation>заметки</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="205" />
            <source>answer</source>
            <translation>ответ</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="206" />
            <source>transcript</source>
            <translation>расшифровка</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="206" />
            <source>text</source>
            <translation>текст</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="206" />
            <source>name</source>
            <translation>имя</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="207" />
            <source>title</source>
            <translation>название</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="207" />
            <source>headline</source>
            <translation>заголовок</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="207" />
            <source>caption</source>
            <translation>подпись</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="208" />
            <source>statement</source>
            <translation>утверждение</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="208" />
            <source>role</source>
            <translation>роль</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="209" />
            <source>short name</source>
            <translation>краткое имя</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="209" />
            <source>affiliation</source>
            <translation>принадлежность</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="210" />
            <source>location</source>
            <translation>местонахождение</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="210" />
            <source>place</source>
            <translation>место</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="211" />
            <source>rights</source>
            <translation>права</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="211" />
            <source>summary</source>
            <translation>краткое описание</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="211" />
            <source>status</source>
            <translation>статус</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="212" />
            <source>attribution</source>
            <translation>ссылка на источник</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="212" />
            <source>dek</source>
            <translation>подзаголовок</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="213" />
            <source>outlet</source>
            <translation>издание</translation>
        </message>
        <message>
            <location filename="../../ui/undo.py" line="213" />
            <source>base</source>
            <translation>город работы</translation>
        </message>
        <message>
            <location filename="../../ui/upgrade_dialog.py" line="109" />
            <source>Upgrading case file</source>
            <translation>Обновление файла дела</translation>
        </message>
        <message>
            <location filename="../../ui/upgrade_dialog.py" line="110" />
            <location filename="../../ui/window_files.py" line="134" />
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <location filename="../../ui/upgrade_dialog.py" line="130" />
            <source>Cancelling — the file is left as it was…</source>
            <translation>Отмена — файл остаётся как был…</translation>
        </message>
        <message>
            <location filename="../../ui/upgrade_dialog.py" line="118" />
            <source>“{f}” was written by an older version of Casefile and is being brought up to date (a copy of it is kept beside it). Step {n} of {t}: {s}.</source>
            <translation>«{f}» записан старой версией Casefile и сейчас обновляется (рядом сохраняется его копия). Шаг {n} из {t}: {s}.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="35" />
            <source>{n} imported</source>
            <translation>импортировано: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="35" />
            <source>{n} already in the case</source>
            <translation>уже в деле: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="36" />
            <source>{n} rejected</source>
            <translation>отклонено: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="36" />
            <source>{n} skipped</source>
            <translation>пропущено: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="46" />
            <source>nothing to do</source>
            <translation>делать нечего</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="48" />
            <source> (cancelled: the photos imported so far are kept)</source>
            <translation> (отменено: уже импортированные фотографии сохранены)</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="54" />
            <location filename="../../ui/window_files.py" line="56" />
            <location filename="../../ui/window_files.py" line="217" />
            <source>All files</source>
            <translation>Все файлы</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="419" />
            <source>The draft names a source who may not be named; it cannot be exported until the name is replaced by the source's pseudonym (the draft checker shows where):</source>
            <translation>В черновике назван источник, которого называть нельзя; экспорт невозможен, пока имя не заменено псевдонимом источника (проверка черновика показывает, где):</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="431" />
            <source>Export anyway? The override, and who made it, is recorded on the draft version saved with the export.</source>
            <translation>Всё равно экспортировать? Это решение и его автор записываются в версию черновика, сохранённую при экспорте.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="53" />
            <source>Images</source>
            <translation>Изображения</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="172" />
            <location filename="../../ui/window_files.py" line="175" />
            <source>Save a copy</source>
            <translation>Сохранить копию</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="182" />
            <location filename="../../ui/window_files.py" line="184" />
            <location filename="../../ui/window_files.py" line="185" />
            <source>Import bundle</source>
            <translation>Импорт пакета</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="191" />
            <location filename="../../ui/window_files.py" line="410" />
            <location filename="../../ui/window_files.py" line="407" />
            <location filename="../../ui/window_toolbar.py" line="89" />
            <source>Import photos</source>
            <translation>Импорт фотографий</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="197" />
            <location filename="../../ui/window_files.py" line="208" />
            <location filename="../../ui/window_toolbar.py" line="90" />
            <source>Add document file</source>
            <translation>Добавить файл документа</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="215" />
            <location filename="../../ui/window_files.py" line="260" />
            <location filename="../../ui/window_files.py" line="258" />
            <source>Import references</source>
            <translation>Импорт библиографии</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="269" />
            <location filename="../../ui/window_files.py" line="275" />
            <location filename="../../ui/window_files.py" line="289" />
            <location filename="../../ui/window_files.py" line="283" />
            <source>Export bundle</source>
            <translation>Экспорт пакета</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="270" />
            <source>What kind of bundle?</source>
            <translation>Какой пакет?</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="381" />
            <location filename="../../ui/window_files.py" line="346" />
            <source>Show me</source>
            <translation>Показать</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="242" />
            <source>Updated (Undo does not restore these):</source>
            <translation>Обновлены (отмена их не вернёт):</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="245" />
            <source>Possible duplicates, imported as new documents:</source>
            <translation>Возможные дубликаты, импортированы как новые документы:</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="248" />
            <source>Imported with a warning:</source>
            <translation>Импортированы с предупреждением:</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="302" />
            <source>Select a draft to export.</source>
            <translation>Выберите черновик для экспорта.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="253" />
            <source>Correct them in the reference manager and import the file again: what was imported now is not duplicated.</source>
            <translation>Исправьте их в менеджере библиографии и импортируйте файл снова: уже импортированное не будет продублировано.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="429" />
            <source>The draft checker has {n} blocking finding(s); an export to the editor should wait until they are resolved:</source>
            <translation>Блокирующих замечаний проверки черновика: {n}; экспорт для редактора лучше отложить, пока они не устранены:</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="124" />
            <source>(none)</source>
            <translation>(нет)</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="216" />
            <source>References</source>
            <translation>Библиография</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="325" />
            <source>Exported to {p}.
Show it in its folder?</source>
            <translation>Экспортировано в {p}.
Показать в папке?</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="353" />
            <source>Export anyway</source>
            <translation>Всё равно экспортировать</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="176" />
            <source>Saved a copy to </source>
            <translation>Копия сохранена в </translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="226" />
            <source>import of {n} document(s)</source>
            <translation>импорт документов ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="251" />
            <location filename="../../ui/window_files.py" line="239" />
            <source>…and {n} more.</source>
            <translation>…и ещё {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="256" />
            <source>{n} without a title got a placeholder title.</source>
            <translation>Без названия: {n}; им дано временное название.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="404" />
            <source>import of {n} photo(s)</source>
            <translation>импорт фотографий ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="186" />
            <source>Imported {n} records.</source>
            <translation>Импортировано записей: {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="283" />
            <source>Exported to {p}.

Withheld from the bundle ({n}):
</source>
            <translation>Экспортировано в {p}.

Не включено в пакет ({n}):
</translation>
        </message>
        <message>
            <location filename="../../ui/window_files.py" line="229" />
            <source>New: {c}, updated: {u}, unchanged: {n}, skipped: {s}.</source>
            <translation>Новых: {c}, обновлено: {u}, без изменений: {n}, пропущено: {s}.</translation>
        </message>
        <message>
            <location filename="../../ui/window_lists.py" line="94" />
            <source>Records</source>
            <translation>Записи</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="46" />
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="70" />
            <source>Import &amp;photos…</source>
            <translation>Импорт &amp;фотографий…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="72" />
            <source>Add &amp;document file…</source>
            <translation>Добавить &amp;документ (файл)…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="74" />
            <source>Import re&amp;ferences (CSL-JSON, BibTeX, RIS)…</source>
            <translation>Импорт &amp;библиографии (CSL-JSON, BibTeX, RIS)…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="76" />
            <source>Save &amp;a copy (backup)…</source>
            <translation>Сохранить &amp;копию файла…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="77" />
            <source>&amp;Backups…</source>
            <translation>&amp;Резервные копии…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="78" />
            <source>Chec&amp;k case file</source>
            <translation>&amp;Проверить файл дела</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="79" />
            <source>&amp;Import bundle…</source>
            <translation>&amp;Импорт пакета…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="80" />
            <source>E&amp;xport bundle…</source>
            <translation>&amp;Экспорт пакета…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="84" />
            <source>Export draft to &amp;Word…</source>
            <translation>Экспорт &amp;черновика в Word…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="87" />
            <source>Case se&amp;ttings…</source>
            <translation>Сво&amp;йства дела…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="88" />
            <source>&amp;Close</source>
            <translation>&amp;Закрыть</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="89" />
            <source>&amp;Edit</source>
            <translation>&amp;Правка</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="95" />
            <source>&amp;Delete (to the trash)</source>
            <translation>&amp;Удалить (в корзину)</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="98" />
            <source>Res&amp;tore from the trash</source>
            <translation>&amp;Восстановить из корзины</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="100" />
            <source>&amp;Empty the trash…</source>
            <translation>О&amp;чистить корзину…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="104" />
            <source>&amp;New record…</source>
            <translation>&amp;Новая запись…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="108" />
            <source>Ed&amp;it the selected record</source>
            <translation>&amp;Изменить выбранную запись</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="113" />
            <source>&amp;Save this search…</source>
            <translation>Со&amp;хранить этот поиск…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="116" />
            <source>House st&amp;yle…</source>
            <translation>Редакционный &amp;стиль…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="117" />
            <source>Pre&amp;ferences…</source>
            <translation>Пара&amp;метры…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="124" />
            <source>&amp;View</source>
            <translation>&amp;Вид</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="126" />
            <source>Claims &amp;board (drop evidence on a claim)</source>
            <translation>Доска &amp;утверждений (перетащите доказательство на утверждение)</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="129" />
            <source>&amp;Help</source>
            <translation>&amp;Справка</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="130" />
            <source>&amp;About Casefile</source>
            <translation>&amp;О программе Casefile</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="134" />
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Сочетания клавиш</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="29" />
            <source>Casefile keeps everything about one story in one local file.
It makes no network connection.</source>
            <translation>Casefile хранит всё об одном материале в одном локальном файле.
Он не подключается к сети.</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="49" />
            <source>&amp;New case file…</source>
            <translation>&amp;Создать файл дела…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="53" />
            <source>Open &amp;Recent</source>
            <translation>&amp;Недавние дела</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="56" />
            <source>Reco&amp;ver a damaged case file…</source>
            <translation>&amp;Восстановить повреждённый файл дела…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="61" />
            <source>Remove encr&amp;yption…</source>
            <translation>Снять &amp;шифрование…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="65" />
            <source>Encr&amp;ypt with a passphrase…</source>
            <translation>За&amp;шифровать паролем…</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="131" />
            <source>About Casefile</source>
            <translation>О программе Casefile</translation>
        </message>
        <message>
            <location filename="../../ui/window_menus.py" line="69" />
            <source>Encryption unavailable (sqlcipher3 missing)</source>
            <translation>Шифрование недоступно (нет sqlcipher3)</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="115" />
            <source>Check case file</source>
            <translation>Проверка файла дела</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="93" />
            <source>“{f}” is open in another window. Close it there first, or choose another name.</source>
            <translation>«{f}» открыт в другом окне. Сначала закройте его там или выберите другое имя.</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="131" />
            <source>Recover what can be read into a new file (File → Recover a damaged case file…), or restore a backup (File → Backups…).</source>
            <translation>Перенесите всё, что читается, в новый файл (Файл → Восстановить повреждённый файл дела…) или восстановите резервную копию (Файл → Резервные копии…).</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="55" />
            <source>Backed up at {t}</source>
            <translation>Резервная копия сделана в {t}</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="58" />
            <source>Automatic backup failed: {m}</source>
            <translation>Автоматическое резервное копирование не удалось: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="60" />
            <source>Automatic backups cleaned: {m}</source>
            <translation>Автоматические резервные копии очищены: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="60" />
            <source>none held it</source>
            <translation>ни в одной этого не было</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="126" />
            <source>No problems: structure, references, search index and {n} stored files verified.</source>
            <translation>Проблем нет: проверены структура, ссылки, поисковый индекс и хранимые файлы ({n}).</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="98" />
            <source>“{f}” already exists. Replace it with the backup of {t}?</source>
            <translation>«{f}» уже существует. Заменить его резервной копией от {t}?</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="105" />
            <source>The backup of {t} is now the case file “{f}”. Open it now?</source>
            <translation>Резервная копия от {t} теперь — файл дела «{f}». Открыть его сейчас?</translation>
        </message>
        <message>
            <location filename="../../ui/window_safety.py" line="130" />
            <source>Problems found:</source>
            <translation>Найдены проблемы:</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="44" />
            <source>Search everything (Ctrl+F)…</source>
            <translation>Искать везде (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="54" />
            <source>&amp;Find</source>
            <translation>&amp;Найти</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="60" />
            <source>From the search box into the results</source>
            <translation>Из поля поиска к результатам</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="61" />
            <source>Clear the search and go back to the list</source>
            <translation>Очистить поиск и вернуться к списку</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="63" />
            <source>Open the selected row (a search result where it is)</source>
            <translation>Открыть выбранную строку (результат поиска — там, где он находится)</translation>
        </message>
        <message>
            <location filename="../../ui/window_search.py" line="64" />
            <source>The menu of the selected rows (Menu key too)</source>
            <translation>Меню выбранных строк (также клавиша «Меню»)</translation>
        </message>
        <message>
            <location filename="../../ui/window_toolbar.py" line="42" />
            <source>Toolbar</source>
            <translation>Панель инструментов</translation>
        </message>
        <message>
            <location filename="../../ui/window_toolbar.py" line="93" />
            <location filename="../../ui/window_trash.py" line="198" />
            <location filename="../../ui/window_trash.py" line="215" />
            <location filename="../../ui/window_trash.py" line="250" />
            <source>Undo</source>
            <translation>Отменить</translation>
        </message>
        <message>
            <location filename="../../ui/window_toolbar.py" line="94" />
            <source>Redo</source>
            <translation>Повторить</translation>
        </message>
        <message>
            <location filename="../../ui/window_toolbar.py" line="97" />
            <source>Export draft to Word</source>
            <translation>Экспорт черновика в Word</translation>
        </message>
        <message>
            <location filename="../../ui/window_toolbar.py" line="33" />
            <source>{action} ({keys})</source>
            <translation>{action} ({keys})</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="318" />
            <location filename="../../ui/window_trash.py" line="298" />
            <location filename="../../ui/window_trash.py" line="287" />
            <location filename="../../ui/window_trash.py" line="295" />
            <source>Delete</source>
            <translation>Удалить</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="354" />
            <source>Empty the trash</source>
            <translation>Очистить корзину</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="358" />
            <source>Also clean the automatic backups (recommended)</source>
            <translation>Также очистить автоматические резервные копии (рекомендуется)</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="374" />
            <source>Clean the backups</source>
            <translation>Очистить резервные копии</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="303" />
            <source>delete “{name}”</source>
            <translation>удаление «{name}»</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="164" />
            <source>Undid: {what}</source>
            <translation>Отменено: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="177" />
            <source>Redid: {what}</source>
            <translation>Повторено: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="332" />
            <source>Restore</source>
            <translation>Восстановить</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="340" />
            <source>restore “{name}”</source>
            <translation>восстановление «{name}»</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="355" />
            <source>Delete the {n} items in the trash for good? This cannot be undone.

The automatic backups taken until now still hold them; cleaning replaces those backups with one fresh backup.</source>
            <translation>Удалить навсегда все записи в корзине ({n})? Это нельзя отменить.

В сделанных до сих пор автоматических резервных копиях они ещё есть; очистка заменит эти копии одной свежей.</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="107" />
            <source>edit {field} of {name}</source>
            <translation>изменение поля «{field}»: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="272" />
            <source>delete {n} records</source>
            <translation>удаление записей ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/window_trash.py" line="287" />
            <source>{why}

Move it to the trash together with those links?</source>
            <translation>{why}

Переместить в корзину вместе с этими связями?</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>auto</source>
            <translation>авто</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>the</source>
            <translation>the</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>a</source>
            <translation>a</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>an</source>
            <translation>an</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>supported</source>
            <translation>подтверждено</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>needs second source</source>
            <translation>нужен второй источник</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>report</source>
            <translation>отчёт</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>dataset</source>
            <translation>набор данных</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>statistics</source>
            <translation>статистика</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>court record</source>
            <translation>судебный материал</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>news article</source>
            <translation>новостная статья</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>web page</source>
            <translation>веб-страница</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>legislation</source>
            <translation>нормативный акт</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>court ruling</source>
            <translation>судебное решение</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>treaty</source>
            <translation>договор</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>other</source>
            <translation>другое</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>writing</source>
            <translation>пишется</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>with editor</source>
            <translation>у редактора</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>final</source>
            <translation>готов</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>on record</source>
            <translation>под запись</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>background</source>
            <translation>без ссылки на имя</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>deep background</source>
            <translation>только для ориентировки</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>off record</source>
            <translation>не для записи</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>confidential</source>
            <translation>конфиденциально</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>video</source>
            <translation>видео</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>messaging</source>
            <translation>мессенджер</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>supports</source>
            <translation>подтверждает</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>contradicts</source>
            <translation>противоречит</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>context</source>
            <translation>контекст</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>pending</source>
            <translation>ожидает ответа</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>answered</source>
            <translation>ответ получен</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>declined</source>
            <translation>отказ</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>no response</source>
            <translation>нет ответа</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>appositive</source>
            <translation>приложение</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>relative</source>
            <translation>придаточное</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>person</source>
            <translation>человек</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>organisation</source>
            <translation>организация</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>official body</source>
            <translation>государственный орган</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>reporter</source>
            <translation>корреспондент</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>contributor</source>
            <translation>соавтор</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>fixer</source>
            <translation>фиксер</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>translator</source>
            <translation>переводчик</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>photographer</source>
            <translation>фотограф</translation>
        </message>
        <message>
            <location filename="../../casefile/models/enums.py" line="0" />
            <source>editor</source>
            <translation>редактор</translation>
        </message>
        <message>
            <source>From “{p}”: {w}.</source>
            <translation type="vanished">Из «{p}»: {w}.</translation>
        </message>
        <message>
            <source>Settled: {s}, by {b} ({t}). Undo opens it again.</source>
            <translation type="vanished">Решено: {s}, {b} ({t}). Отмена снова открывает конфликт.</translation>
        </message>
        <message>
            <source>Import CSL-JSON</source>
            <translation type="vanished">Импорт CSL-JSON</translation>
        </message>
        <message>
            <source>Imported {n} document(s).</source>
            <translation type="vanished">Импортировано документов: {n}.</translation>
        </message>
        <message>
            <source>Import CSL-&amp;JSON…</source>
            <translation type="vanished">Импорт CSL-JSON (&amp;библиография)…</translation>
        </message>
        <message>
            <source>&amp;Apply to all</source>
            <translation type="vanished">&amp;Применить ко всем</translation>
        </message>
        <message>
            <source>this kind of</source>
            <translation type="vanished">такие</translation>
        </message>
        <message>
            <source>Delete (to the trash)</source>
            <translation type="vanished">Удалить (в корзину)</translation>
        </message>
        <message>
            <source>Tag {tag}, remove</source>
            <translation type="vanished">Метка {tag}, снять</translation>
        </message>
        <message>
            <source>Delete the tag “{tag}”? It comes off the {n} record(s) that carry it; the records themselves stay. The tag goes to the trash: restoring it from there puts it back on them.</source>
            <translation type="vanished">Удалить метку «{tag}»? Она будет снята с записей, на которых стоит ({n}); сами записи останутся. Метка уходит в корзину: если восстановить её оттуда, она вернётся на эти записи.</translation>
        </message>
        <message>
            <source>(nobody)</source>
            <translation type="vanished">(никто)</translation>
        </message>
        <message>
            <source>(leave as it is)</source>
            <translation type="vanished">(оставить как есть)</translation>
        </message>
        <message>
            <source>(no credit)</source>
            <translation type="vanished">(автор не указан)</translation>
        </message>
        <message>
            <source>{name} (source)</source>
            <translation type="vanished">{name} (источник)</translation>
        </message>
        <message>
            <source>Exporting will ask you to confirm the blocking findings; the override is recorded on the draft version.</source>
            <translation type="vanished">При экспорте нужно будет подтвердить блокирующие замечания; это решение записывается в версию черновика.</translation>
        </message>
        <message>
            <source>Claim the evidence supports:</source>
            <translation type="vanished">Утверждение, которое подтверждает доказательство:</translation>
        </message>
        <message>
            <source>There are no claims yet. Add one in Claims first.</source>
            <translation type="vanished">Утверждений пока нет. Сначала добавьте утверждение в разделе «Утверждения».</translation>
        </message>
        <message>
            <source>a protected source</source>
            <translation type="vanished">защищённый источник</translation>
        </message>
        <message>
            <source>new </source>
            <translation type="vanished">создание: </translation>
        </message>
        <message>
            <source>This claim is anchored in {d} draft(s) and has {e} piece(s) of evidence. Move it to the trash?</source>
            <translation type="vanished">Это утверждение привязано к тексту черновиков ({d}) и имеет доказательства ({e}). Переместить его в корзину?</translation>
        </message>
        <message>
            <source>delete </source>
            <translation type="vanished">удаление: </translation>
        </message>
        <message>
            <source>This claim is anchored in {d} draft(s). Move it to the trash?</source>
            <translation type="vanished">Это утверждение привязано к тексту черновиков ({d}). Переместить его в корзину?</translation>
        </message>
        <message>
            <source>This claim has {e} piece(s) of evidence. Move it to the trash?</source>
            <translation type="vanished">У этого утверждения есть доказательства ({e}). Переместить его в корзину?</translation>
        </message>
        <message>
            <source>{what} has content added since it was created. Undoing its creation moves it, and what it holds, to the trash.</source>
            <translation type="vanished">В «{what}» после создания добавлено содержимое. Отмена создания переместит запись вместе с содержимым в корзину.</translation>
        </message>
        <message>
            <source>restore </source>
            <translation type="vanished">восстановление: </translation>
        </message>
        <message>
            <source>Move it to the trash together with those links?</source>
            <translation type="vanished">Переместить в корзину вместе с этими связями?</translation>
        </message>
        <message>
            <source>Remove: </source>
            <translation type="vanished">Убрать: </translation>
        </message>
        <message>
            <source>Add: </source>
            <translation type="vanished">Добавить: </translation>
        </message>
        <message>
            <source>— no credit —</source>
            <translation type="vanished">— автор не указан —</translation>
        </message>
        <message>
            <source>Checker</source>
            <translation type="vanished">Проверка</translation>
        </message>
        <message>
            <source>{n} finding(s): click one to see the words</source>
            <translation type="vanished">Замечаний: {n}; щёлкните по замечанию, чтобы увидеть слова</translation>
        </message>
        <message>
            <source>{n} finding(s), {b} blocking the export: click one to see the words</source>
            <translation type="vanished">Замечаний: {n}, из них блокируют экспорт: {b}; щёлкните по замечанию, чтобы увидеть слова</translation>
        </message>
        <message>
            <source>{n} {unit}{s} ago</source>
            <translation type="vanished">{n} {unit}{s} назад</translation>
        </message>
        <message>
            <source>Used from the next automatic backup; the backups already taken stay where they are.</source>
            <translation type="vanished">Действует со следующей автоматической копии; уже сделанные копии остаются на месте.</translation>
        </message>
        <message>
            <source>The passage, word for word:</source>
            <translation type="vanished">Фрагмент, дословно:</translation>
        </message>
        <message>
            <source>Where it is:</source>
            <translation type="vanished">Где находится:</translation>
        </message>
        <message>
            <source>Where it is (e.g. p. 14, table 3):</source>
            <translation type="vanished">Где находится (например, с. 14, табл. 3):</translation>
        </message>
        <message>
            <source>To:</source>
            <translation type="vanished">Кому:</translation>
        </message>
        <message>
            <source>Add the person or body you are asking first, as a source.</source>
            <translation type="vanished">Сначала добавьте человека или организацию, которым адресован запрос, как источник.</translation>
        </message>
        <message>
            <source>About:</source>
            <translation type="vanished">О чём:</translation>
        </message>
        <message>
            <source>Save a &amp;copy (backup)…</source>
            <translation type="vanished">Сохранить &amp;копию (резервную)…</translation>
        </message>
        <message>
            <source>&amp;Restore from the trash</source>
            <translation type="vanished">&amp;Восстановить из корзины</translation>
        </message>
        <message>
            <source>&amp;Edit the selected record</source>
            <translation type="vanished">&amp;Изменить выбранную запись</translation>
        </message>
        <message>
            <source>Recover a &amp;damaged case file…</source>
            <translation type="vanished">&amp;Восстановить повреждённый файл дела…</translation>
        </message>
    </context>
</TS>
