"""Regenerates the sample case bundle (sample.json + sample-files/) through the public API.

Run from the repository root: `.venv/bin/python resources/sample/build_sample.py`.
Everything in this story is invented: the people, companies, figures and documents — except
UN Security Council resolution 2397 (2017), cited as published.

Besides the ordinary run of a story, the sample holds each situation an editor checks
closely (issue 17): two quotes from one speaker on one claim, a role written as a description,
a publisher linked only as a source record, an organisation whose name needs an article, a
combined no-response sentence, an uncredited photo on a claim that needs a second source, a
whole-interview link with no passage marked, a cleaned-up quote with its published wording
accepted, a UN resolution cited as an excerpt, and a publication date with a generated tagline.

The draft reads as a published story would (AP style, en-US): every anchored sentence states
its claim and names who said it, and the dates agree (the embassy's deadline passed before the
publication date, so "did not immediately respond" is fair). What the checker should still
find is deliberate: the disputed yuan claim (contradicted), the off-the-record customs claim
(both blocking), the one-source claims, the whole-interview link, the pending embassy request
and the unanchored first sentence of the lede (a fact from Ms. Shvets's interview that no claim
holds yet).
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

from casefile import CaseFile
from casefile.bundle import dump_bundle
from casefile.models import Article, RoleForm

HERE = Path(__file__).resolve().parent
KHV = timezone(timedelta(hours=10))  # Khabarovsk
BQS = timezone(timedelta(hours=9))  # Blagoveshchensk
MSK = timezone(timedelta(hours=3))

PETROV_TRANSCRIPT = """\
[Interview with Yuri Petrov at his timber yard on the eastern edge of Khabarovsk. Interpreted \
from Russian by Pavel Grishin.]

Q: How long have you been in the timber business?

PETROV: Twenty-two years. My father cut wood for the state farm, and I started with one truck \
and a borrowed saw. Today we have a yard, a drying shed and eleven people on the payroll. Until \
this spring we had nineteen.

Q: What changed this spring?

PETROV: The buyers in China stopped paying on time, and then they stopped ordering. We used to \
ship forty trucks a week to the border. Now it is five, maybe six. Some weeks it is nothing at \
all, and I pay the drivers to sit and wait.

Q: Is it only your company?

PETROV: No. Three yards on this road have closed since April. You can see the gates yourself; \
nobody bothers to lock them any more. The people who worked there went to Vladivostok or to the \
north, to the mines.

Q: Why are the buyers not paying?

PETROV: They say the banks hold the money. A payment that took two days now takes a month, and \
sometimes it comes back with no explanation. My buyer in Harbin has been my partner for nine \
years. He sent me a message last week: he said he wants to pay but his bank will not send \
yuan to a Russian account any more.

Q: What will you do?

PETROV: I will sell the drying shed if I have to. I will not sell the yard. My father would not \
forgive me. We wait for spring and we see.
"""

KOVALENKO_TRANSCRIPT = """\
[Interview with Dmitri Kovalenko in the office of his auto-parts business in Khabarovsk. \
Conducted in English.]

Q: What do you import?

KOVALENKO: Parts for Japanese and Chinese cars: brake pads, filters, suspension. Ninety per \
cent of it comes through the crossing at Blagoveshchensk, and the rest by rail through Grodekovo.

Q: How long does it take a shipment to reach you?

KOVALENKO: It used to take three days to clear a truck at the border. Now it takes three weeks. \
The paperwork is the same paperwork. Nobody can tell me why it takes seven times longer.

Q: Have you changed how you pay your suppliers?

KOVALENKO: We pay through a company in Kazakhstan now. It costs us four per cent of every \
invoice, which is most of our margin. My bank told me in September that it would no longer \
process payments in yuan for a company of my size. They said it in a letter, very politely.

Q: Which bank?

KOVALENKO: Amur Commerce Bank. We have been their client since 2011.

Q: Will prices go up for your customers?

KOVALENKO: They already have. A set of brake pads that cost 2,400 roubles last year costs \
3,900 now. People drive their cars longer and fix them less. It is not good for safety, but \
what can they do.

Q: Have you thought about other suppliers, in Japan or Korea?

KOVALENKO: Of course. But Japanese parts come by sea to Vladivostok and then eleven hundred \
kilometres by road, and they cost twice as much. My customers are taxi drivers and farmers. \
They will not pay Japanese prices for a Chinese car.
"""

SHVETS_TRANSCRIPT = """\
[Интервью с Галиной Швец на её складе в Благовещенске. Запись на русском языке.]

В: Чем занимается ваша компания?

ШВЕЦ: Мы возим овощи из Хэйхэ: капусту, перец, помидоры зимой. Двенадцать лет возим. Раньше \
у нас работало тридцать человек, теперь двенадцать. Я сама сижу на погрузке, когда водитель \
не выходит.

В: Что изменилось за этот год?

ШВЕЦ: Очередь на мосту. Фура стоит на той стороне по пять, по шесть дней. Помидоры столько не \
живут. Мы выбросили за лето, наверное, сорок тонн.

В: Как вы платите поставщикам в Китае?

ШВЕЦ: Раньше платили через наш банк, за один день. Теперь деньги идут через третью страну, \
через знакомых в Казахстане, и это занимает две, три недели. Поставщик в Хэйхэ меня знает \
давно, он ждёт. Но он тоже не железный: у него свои рабочие, свои кредиты. Прошлой зимой он \
сам приезжал сюда, сидел у меня на кухне и говорил, что в Хэйхэ половина складов стоит \
пустая.

В: А покупатели? Цены выросли?

ШВЕЦ: Выросли, конечно. Перец на Центральном рынке в прошлом году был сто восемьдесят рублей \
за килограмм, сейчас двести шестьдесят. Люди берут меньше, берут местное, картошку, капусту. \
Рестораны покупают у тех, кто дешевле, а дешевле сейчас никто не может.

В: Вы говорили с таможней?

ШВЕЦ: Говорили. Нам отвечают, что всё работает в обычном режиме. Приезжайте и посмотрите на \
этот обычный режим.

В: Что будет дальше?

ШВЕЦ: Если так пойдёт и дальше, к весне я закроюсь. Мне пятьдесят восемь лет, начинать \
заново я уже не буду.
"""

BROKER_TRANSCRIPT = """\
[Exchange by messaging app with a customs broker in Blagoveshchensk, translated from Russian by \
Pavel Grishin. The broker spoke on condition that he not be named; see ground rules.]

Q: Are trucks from China being held longer than before?

BROKER: Yes. A normal declaration for vegetables used to clear in one day. Now we are told to \
wait for an additional inspection on almost every truck, and the inspection has no deadline.

Q: Who decides which trucks are inspected?

BROKER: Officially, a risk system. In practice, the list comes every morning and nobody explains \
it. Brokers who ask too many questions find that their clients' trucks wait even longer.

Q: Have you been told to delay paperwork?

BROKER: Not in writing. Nobody will write such a thing. I will tell you what I heard from a \
colleague at the post, but you cannot use it: he says the instruction came from Moscow in March.

Q: Why do you not want your name used?

BROKER: I have a licence. Without it I have nothing. There are three brokers in this city who \
lost their licences this year, and each of them had spoken to a journalist.

Q: How many trucks do you handle now compared with last year?

BROKER: Last October my office filed perhaps sixty declarations a week. This October it is \
fewer than twenty. Half of my clients have stopped importing; the other half wait. I have let \
two of my four assistants go.
"""


ZHURAVLEV_TRANSCRIPT = """\
[Telephone interview with Nikolai Zhuravlev, in his cab in the queue on the Chinese side of \
the bridge, in Heihe. Interpreted from Russian by Pavel Grishin.]

Q: Where are you now?

ZHURAVLEV: In the queue in Heihe, maybe two kilometres from the bridge. I can see the customs \
building from here, but I cannot get to it.

Q: How long have you been waiting?

ZHURAVLEV: We are — we are standing here five days already, the whole column, and nobody \
tells us anything. On the Chinese side they let us through in an hour. Then we stand.

Q: How long have you driven this route?

ZHURAVLEV: Since 2011. First on the ferry and on the ice road in winter, now on the bridge. I \
have never seen it like this. On the ice it was faster, and the ice is not a road.

Q: What are you carrying?

ZHURAVLEV: Tomatoes and peppers for a wholesaler in Blagoveshchensk. If we cross tomorrow, \
maybe half of it can be sold. The rest goes to the pigs, if somebody has pigs.

Q: How are you paid?

ZHURAVLEV: By the trip, not by the day. Five days in the queue is five days for nothing. The \
company gives us money for diesel to keep the heater on, and that is all.

Q: Do you take photographs of the queue?

ZHURAVLEV: Everybody does. There is a chat for drivers; people send pictures every morning so \
the families can see we are alive. I will send you some, but I did not take them myself, and \
I do not know who did.
"""


STATS_CSV = """\
region,exports_to_china_2025_q1_q3_musd,exports_to_china_2026_q1_q3_musd,change_pct
Amur region,1950,1210,-38.0
Khabarovsk territory,2410,1790,-25.7
Primorye territory,5120,4460,-12.9
Jewish autonomous region,310,240,-22.6
"""


def make_notes_scan() -> bytes:
    """A small grey PNG standing in for a scanned notebook page."""
    im = Image.new("L", (300, 400), 245)
    d = ImageDraw.Draw(im)
    for y in range(40, 380, 22):
        d.line((20, y, 280, y), fill=200)
        d.line((30, y - 6, 30 + (y * 37) % 220, y - 6), fill=60, width=2)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _rational(value: float) -> IFDRational:
    return IFDRational(round(value * 10000), 10000)


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), _rational(seconds))


def make_photo(scene: str, taken: datetime | None, lat: float = 0.0, lon: float = 0.0,
               alt: float = 0.0) -> bytes:
    """A small JPEG drawn with Pillow, with EXIF time, camera and GPS like a phone writes;
    `taken` None: no EXIF at all, like a picture forwarded through a messaging app."""
    sky = (150, 160, 175) if scene == "heihe" else (176, 200, 222)
    im = Image.new("RGB", (800, 533), sky)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 300, 800, 533), fill=(120, 118, 110))  # ground
    if scene in ("bridge", "queue", "heihe"):
        d.rectangle((0, 250, 800, 300), fill=(70, 100, 130))  # river
        d.rectangle((0, 230, 800, 246), fill=(90, 90, 95))  # bridge deck
        for x in range(20, 800, 90):
            d.rectangle((x, 246, x + 10, 300), fill=(80, 80, 85))
    colors = [(200, 40, 40), (30, 90, 160), (230, 230, 230), (60, 140, 70)]
    trucks = {"bridge": 3, "queue": 9, "yard": 2, "market": 0, "heihe": 8}[scene]
    for i in range(trucks):
        x = 30 + i * 85
        d.rectangle((x, 330, x + 70, 380), fill=colors[i % 4])
        d.rectangle((x + 50, 345, x + 75, 380), fill=(40, 40, 40))
        d.ellipse((x + 5, 375, x + 20, 390), fill=(20, 20, 20))
        d.ellipse((x + 50, 375, x + 65, 390), fill=(20, 20, 20))
    if scene == "yard":
        for i in range(12):
            d.rectangle((420 + (i % 4) * 90, 400 - (i // 4) * 22, 500 + (i % 4) * 90,
                         418 - (i // 4) * 22), fill=(150, 110, 60))
    if scene == "market":
        for i in range(6):
            d.rectangle((60 + i * 120, 340, 160 + i * 120, 420), fill=(190, 60 + i * 25, 50))
    buf = io.BytesIO()
    if taken is None:
        im.save(buf, "JPEG", quality=80)
        return buf.getvalue()
    exif = Image.Exif()
    exif[0x010F] = "Fujifilm"  # Make
    exif[0x0110] = "X-T30"  # Model
    exif[0x0112] = 1  # Orientation
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    offset = taken.utcoffset() or timedelta(0)
    hours, rem = divmod(int(offset.total_seconds()), 3600)
    ifd[0x9011] = f"{hours:+03d}:{rem // 60:02d}"  # OffsetTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "N" if lat >= 0 else "S"
    gps[2] = _dms(lat)
    gps[3] = "E" if lon >= 0 else "W"
    gps[4] = _dms(lon)
    gps[5] = b"\x00"
    gps[6] = _rational(alt)
    im.save(buf, "JPEG", quality=80, exif=exif)
    return buf.getvalue()


def quote_at(case: CaseFile, interview: object, words: str, **fields: object) -> object:
    """Mark the first occurrence of `words` in the interview's transcript as a quote."""
    transcript = interview.transcript  # type: ignore[attr-defined]
    start = transcript.index(words)
    return case.quotes.mark(interview.uuid, start, start + len(words), **fields)  # type: ignore[attr-defined]


def build(case: CaseFile) -> None:
    """Write the whole sample story into an open, empty case."""
    case.update_info(
        slug="amur-border-trade",
        summary=(
            "Fictional sample case. Small firms on Russia’s side of the Amur River say trade "
            "with China has collapsed: payments stall, trucks wait for days at the "
            "Blagoveshchensk crossing. Every person, company and figure here is invented; the UN "
            "resolution cited is real."
        ),
        language="en",
        desk="Foreign",
    )
    maria = case.team.create(name="Maria Lindqvist", role="reporter", base_city="Moscow",
                             byline_position=1, email="m.lindqvist@example.org",
                             outlet="The Northern Ledger")
    ilya = case.team.create(name="Ilya Sorokin", role="contributor", base_city="Vladivostok")
    soojin = case.team.create(name="Kim Soo-jin", role="contributor", base_city="Seoul",
                              notes="김수진 — 서울에서 한국 측 무역 자료를 확인함 (Korean-side "
                                    "trade figures).")
    pavel = case.team.create(name="Pavel Grishin", role="fixer", base_city="Blagoveshchensk",
                             notes="Fixer and interpreter (Russian–English).")

    petrov = case.sources.create(
        name="Yuri Petrov", kind="person", role_title="owner of a timber yard",
        affiliation="Petrov Les", location="Khabarovsk", languages=["ru"],
        contacts=[{"kind": "phone", "value": "+7 900 000 0101"}],
        ground_rules="on_record", short_name="Mr. Petrov",
        attribution_phrase="a timber trader in Khabarovsk")
    kovalenko = case.sources.create(
        name="Dmitri Kovalenko", kind="person", role_title="auto-parts importer",
        affiliation="Vostok Detal", location="Khabarovsk", languages=["ru", "en"],
        ground_rules="on_record", short_name="Mr. Kovalenko")
    shvets = case.sources.create(
        name="Galina Shvets", kind="person", role_title="owner of a vegetable wholesaler",
        affiliation="Amurskaya Niva", location="Blagoveshchensk", languages=["ru"],
        ground_rules="on_record", short_name="Ms. Shvets")
    broker = case.sources.create(
        name="Artyom Belov", kind="person", role_title="customs broker",
        location="Blagoveshchensk", languages=["ru"],
        contacts=[{"kind": "signal", "value": "+7 900 000 0404"}],
        ground_rules="confidential",
        attribution_phrase="a customs broker in Blagoveshchensk who asked not to be named "
                           "for fear of losing his license",
        short_name="the broker",
        notes="Never name. Met through Pavel; speaks only by messaging app.")
    statistics = case.sources.create(
        name="National Statistics Service", kind="official_body",
        short_name="the statistics service", location="Moscow", ground_rules="on_record")
    customs = case.sources.create(
        name="Far Eastern Customs Directorate", kind="official_body",
        short_name="the customs directorate", location="Vladivostok",
        contacts=[{"kind": "email", "value": "press@customs.example"}],
        ground_rules="on_record")
    bank = case.sources.create(
        name="Amur Commerce Bank", kind="organisation", location="Blagoveshchensk",
        short_name="the bank", contacts=[{"kind": "email", "value": "pr@amurbank.example"}],
        ground_rules="on_record")
    embassy = case.sources.create(
        name="Embassy of China in Moscow", kind="organisation", location="Moscow",
        short_name="the embassy", ground_rules="on_record")
    # A role written as a description, not a title: print reads "Name, who has driven …".
    driver = case.sources.create(
        name="Nikolai Zhuravlev", kind="person",
        role_title="has driven a truck across the border since 2011",
        location="Blagoveshchensk", languages=["ru"], role_form=RoleForm.AUTO,
        contacts=[{"kind": "phone", "value": "+7 900 000 0606"}],
        ground_rules="on_record", short_name="Mr. Zhuravlev")
    # A name that takes no article by itself ("… subsidiary did not respond" reads wrong):
    # the article is set on the record.
    subsidiary = case.sources.create(
        name="Harbin Senlin Trading subsidiary", kind="organisation", location="Khabarovsk",
        short_name="the subsidiary", article=Article.THE,
        contacts=[{"kind": "email", "value": "office@senlin-khv.example"}],
        ground_rules="on_record",
        notes="Russian arm of Mr. Petrov's buyer in Harbin; office in Khabarovsk.")

    iv_petrov = case.interviews.create(
        title="Yuri Petrov at his timber yard", held_at=datetime(2026, 10, 14, 11, 0, tzinfo=KHV),
        place_name="Khabarovsk, Russia", place_lat=48.4647, place_lon=135.1588,
        medium="in_person", language="en", interpreter="Pavel Grishin (from Russian)",
        ground_rules="on_record", transcript=PETROV_TRANSCRIPT,
        interviewees=[petrov.uuid], interviewers=[maria.uuid, pavel.uuid])
    iv_kovalenko = case.interviews.create(
        title="Dmitri Kovalenko, auto parts", held_at=datetime(2026, 10, 15, 16, 30, tzinfo=KHV),
        place_name="Khabarovsk, Russia", place_lat=48.4802, place_lon=135.0719,
        medium="in_person", language="en", ground_rules="on_record",
        transcript=KOVALENKO_TRANSCRIPT, interviewees=[kovalenko.uuid],
        interviewers=[maria.uuid])
    iv_shvets = case.interviews.create(
        title="Галина Швец, склад в Благовещенске",
        held_at=datetime(2026, 10, 17, 10, 0, tzinfo=BQS),
        place_name="Blagoveshchensk, Russia", place_lat=50.2796, place_lon=127.5405,
        medium="in_person", language="ru", interpreter="Pavel Grishin",
        ground_rules="on_record", transcript=SHVETS_TRANSCRIPT,
        interviewees=[shvets.uuid], interviewers=[maria.uuid, pavel.uuid])
    iv_broker = case.interviews.create(
        title="Customs broker (confidential)", held_at=datetime(2026, 10, 18, 20, 0, tzinfo=BQS),
        place_name="Blagoveshchensk, Russia", medium="messaging", language="en",
        interpreter="Pavel Grishin (from Russian)", ground_rules="confidential",
        transcript=BROKER_TRANSCRIPT, interviewees=[broker.uuid], interviewers=[maria.uuid])
    iv_driver = case.interviews.create(
        title="Nikolai Zhuravlev, driver, by phone from the queue in Heihe",
        held_at=datetime(2026, 10, 17, 18, 30, tzinfo=BQS),
        place_name="Heihe, China", medium="phone", language="en",  # where he was: his cab
        interpreter="Pavel Grishin (from Russian)", ground_rules="on_record",
        transcript=ZHURAVLEV_TRANSCRIPT, interviewees=[driver.uuid],
        interviewers=[maria.uuid, pavel.uuid])

    case.interviews.attach(iv_shvets.uuid, make_notes_scan(), "shvets-notes-p1.png",
                           description="Scan of handwritten notes, page 1")
    q_trucks = quote_at(case, iv_petrov, "We used to ship forty trucks a week to the border. "
                        "Now it is five, maybe six.", speaker=petrov.uuid)
    q_closed = quote_at(case, iv_petrov, "Three yards on this road have closed since April.",
                        speaker=petrov.uuid)
    q_gates = quote_at(case, iv_petrov, "You can see the gates yourself; nobody bothers to lock "
                       "them any more.", speaker=petrov.uuid)
    q_bank = quote_at(case, iv_petrov, "he said he wants to pay but his bank will not send yuan "
                      "to a Russian account any more.", speaker=petrov.uuid)
    q_clear = quote_at(case, iv_kovalenko, "It used to take three days to clear a truck at the "
                       "border. Now it takes three weeks.", speaker=kovalenko.uuid)
    q_yuan = quote_at(case, iv_kovalenko, "My bank told me in September that it would no longer "
                      "process payments in yuan for a company of my size.",
                      speaker=kovalenko.uuid)
    q_staff = quote_at(case, iv_shvets, "Раньше у нас работало тридцать человек, теперь "
                       "двенадцать.", speaker=shvets.uuid,
                       translation="We used to have thirty people working for us; now we have "
                                   "twelve.")
    q_queue = quote_at(case, iv_shvets, "Фура стоит на той стороне по пять, по шесть дней. "
                       "Помидоры столько не живут.", speaker=shvets.uuid,
                       translation="A truck stands on the other side for five, six days. "
                                   "Tomatoes do not live that long.")
    q_peppers = quote_at(case, iv_shvets, "Перец на Центральном рынке в прошлом году был сто "
                         "восемьдесят рублей за килограмм, сейчас двести шестьдесят.",
                         speaker=shvets.uuid,
                         translation="Peppers at the Central Market were 180 rubles a kilogram "
                                     "last year; now they are 260.")
    q_inspect = quote_at(case, iv_broker, "Now we are told to wait for an additional inspection "
                         "on almost every truck, and the inspection has no deadline.",
                         speaker=broker.uuid)
    q_moscow = quote_at(case, iv_broker, "he says the instruction came from Moscow in March.",
                        speaker=broker.uuid, ground_rules="off_record",
                        notes="Off the record: second-hand, not for use.")
    # Printed lightly cleaned: the false start dropped and "we are" contracted; the reporter
    # accepted that wording, and the draft quotes it.
    cleaned = "We're standing here five days already, the whole column, and nobody tells us " \
              "anything."
    q_standing = quote_at(case, iv_driver, "We are — we are standing here five days already, "
                          "the whole column, and nobody tells us anything.", speaker=driver.uuid,
                          published_text=cleaned, published_accepted=cleaned)

    stats_doc = case.documents.create(
        kind="statistics", title="Foreign trade of the Amur region, January–September 2026",
        authors=[{"literal": "National Statistics Service"}],
        publisher="National Statistics Service", publisher_source=statistics.uuid,
        issued="2026-10-30", url="https://stat.example/trade/amur-2026-q3",
        accessed="2026-11-02", language="en", identifier="NSS-FT-2026-09")
    case.documents.attach_file(stats_doc.uuid, STATS_CSV.encode("utf-8"),
                               "amur-foreign-trade-2026-q3.csv")
    ex_stats = case.excerpts.create(
        document=stats_doc.uuid, locator="table 4, row \"Amur region\"",
        text="Exports to China, January–September 2026: 1.21 billion US dollars "
             "(January–September 2025: 1.95 billion), a decrease of 38.0 per cent.")
    customs_doc = case.documents.create(
        kind="dataset", title="Weekly freight vehicle crossings, Blagoveshchensk–Heihe bridge",
        authors=[{"literal": "Far Eastern Customs Directorate"}],
        publisher="Far Eastern Customs Directorate", publisher_source=customs.uuid,
        issued="2026-11-01", url="https://customs.example/data/crossings.csv",
        accessed="2026-11-03", language="ru")
    ex_customs = case.excerpts.create(
        document=customs_doc.uuid, locator="rows for week 40",
        text="Week 40, 2026: 412 freight vehicles entered. Week 40, 2025: 1,090.")
    news_doc = case.documents.create(
        kind="news_article", title="Bridge traffic thins as traders wait for payments",
        authors=[{"family": "Morozova", "given": "Elena"}], publisher="Amur Courier",
        issued="2026-09-21", url="https://amurcourier.example/2026/09/21/bridge",
        accessed="2026-10-10", language="ru")
    ex_news = case.excerpts.create(
        document=news_doc.uuid, locator="paragraph 6",
        text="A spokesman for Amur Commerce Bank said the bank continued to process yuan "
             "payments for all clients in line with regulations.")
    # The publisher is linked as the source record only, no publisher text typed.
    letter_doc = case.documents.create(
        kind="letter", title="Reply of the Far Eastern Customs Directorate to questions",
        authors=[{"literal": "Far Eastern Customs Directorate"}],
        publisher="", publisher_source=customs.uuid,
        issued="2026-11-05", language="ru")
    ex_letter = case.excerpts.create(
        document=letter_doc.uuid, locator="paragraph 2",
        text="Customs clearance at the Blagoveshchensk checkpoint is carried out within the "
             "time limits established by law.")
    ex_letter_sanctions = case.excerpts.create(
        document=letter_doc.uuid, locator="paragraph 3",
        text="Additional inspections are carried out to prevent the transit of goods subject "
             "to restrictive measures established by resolutions of the United Nations "
             "Security Council.")
    resolution = case.documents.create(
        kind="legislation", title="Resolution 2397 (2017)",
        authors=[{"literal": "United Nations Security Council"}],
        publisher="United Nations Security Council", issued="2017-12-22",
        url="https://undocs.org/S/RES/2397(2017)", accessed="2026-11-06", language="en",
        identifier="S/RES/2397 (2017)")
    # Paragraph 7's operative words as the resolution gives them, cut with ellipses only.
    ex_resolution = case.excerpts.create(
        document=resolution.uuid, locator="paragraph 7",
        text="Decides that all Member States shall prohibit the direct or indirect supply, sale "
             "or transfer to the DPRK, through their territories or by their nationals, … of "
             "all industrial machinery (HS codes 84 and 85), transportation vehicles (HS codes "
             "86 through 89) …")

    places = [
        ("bridge", datetime(2026, 10, 17, 8, 12, tzinfo=BQS), 50.2620, 127.5262, 131.0,
         "Freight trucks cross the bridge from Heihe into Blagoveshchensk at dawn.",
         "Blagoveshchensk–Heihe bridge", maria),
        ("queue", datetime(2026, 10, 17, 9, 40, tzinfo=BQS), 50.2588, 127.5301, 128.0,
         "Trucks wait at the customs post on the Russian side of the crossing.",
         "Customs post, Blagoveshchensk", maria),
        ("yard", datetime(2026, 10, 14, 12, 5, tzinfo=KHV), 48.4647, 135.1588, 74.0,
         "Stacked timber at Yuri Petrov’s yard, which now ships five or six trucks a week.",
         "Petrov Les timber yard, Khabarovsk", maria),
        ("market", datetime(2026, 10, 17, 13, 20, tzinfo=BQS), 50.2751, 127.5362, 140.0,
         "Vegetable stalls at the Central Market in Blagoveshchensk.",
         "Central Market, Blagoveshchensk", pavel),
    ]
    photos = []
    for scene, taken, lat, lon, alt, caption, place, credit in places:
        photos.append(case.photos.add(
            make_photo(scene, taken, lat, lon, alt), f"DSCF{len(photos) + 4101}.JPG",
            caption=caption, place_name=place, credit_member=credit.uuid, taken_at=taken,
            gps_lat=lat, gps_lon=lon, gps_alt=alt, camera_make="Fujifilm",
            camera_model="X-T30", orientation=1,
            depicted=[petrov.uuid] if scene == "yard" else [],
            rights_note="Staff photo." if credit is maria else "Taken by our fixer; ours to use."))
    bridge, queue, yard, market = photos
    # Forwarded from a drivers' chat group: no credit, no EXIF. It shows a queue; it is not a
    # second source for what anyone said.
    heihe = case.photos.add(
        make_photo("heihe", None), "photo_2026-10-17_07-51-12.jpg",
        caption="Trucks queue on the Heihe side of the bridge, in a picture sent by a driver.",
        place_name="Heihe, China",
        rights_note="From a drivers’ chat group; photographer unknown. Not for publication "
                    "without a credit.")

    def claim(statement: str, status: str, evidence: list[tuple[str, object, str]],
              notes: str = "") -> object:
        c = case.claims.create(statement=statement, status=status, notes=notes,
                               checked_by=maria.uuid if status != "unverified" else None,
                               checked_at=datetime(2026, 11, 6, 9, 0, tzinfo=MSK)
                               if status != "unverified" else None)
        for kind, target, relation in evidence:
            case.evidence.create(claim=c.uuid, relation=relation,
                                 **{kind: target.uuid})  # type: ignore[attr-defined]
        return c

    c_exports = claim("Exports from the Amur region to China fell by 38 percent in the first "
                      "nine months of 2026.", "supported",
                      [("excerpt", ex_stats, "supports")])
    c_bridge = claim("Freight crossings at the Blagoveshchensk–Heihe bridge have fallen by more "
                     "than half in a year.", "supported",
                     [("excerpt", ex_customs, "supports"), ("photo", bridge, "context")])
    c_petrov = claim("Mr. Petrov’s yard ships five or six trucks a week, down from 40.",
                     "supported", [("quote", q_trucks, "supports"), ("photo", yard, "context")])
    c_closed = claim("Several timber yards near Khabarovsk have closed since the spring.",
          "needs_second_source",
          [("quote", q_closed, "supports"), ("quote", q_gates, "supports")],
          notes="Only Petrov so far; Ilya to check the regional business register.")
    # Mr. Petrov relays what his buyer in Harbin told him: context, not a second source.
    c_banks = claim("Banks in the region have stopped processing yuan payments for small firms.",
                    "disputed",
                    [("quote", q_yuan, "supports"), ("quote", q_bank, "context"),
                     ("excerpt", ex_news, "contradicts")],
                    notes="Bank has not answered our request.")
    c_offrec = claim("Customs officers have been instructed to hold up trucks from China.",
                     "unverified",
          [("quote", q_moscow, "supports")],
          notes="Rests on an off-the-record remark only. Do not run without more.")
    c_inspect = claim("Trucks now wait for extra inspections with no deadline.",
                      "needs_second_source",
          [("quote", q_inspect, "supports"), ("photo", queue, "context")])
    c_heihe = claim("Trucks bound for Russia wait for days on the Chinese side of the bridge.",
                    "needs_second_source",
                    [("quote", q_standing, "supports"), ("photo", heihe, "supports")],
                    notes="Zhuravlev and a forwarded photo; ask the Heihe port office.")
    # Linked to the whole interview: nobody marked the passage about prices.
    c_parts = claim("Car-parts prices in Khabarovsk have risen by more than half in a year.",
                    "supported", [("interview", iv_kovalenko, "supports")])
    c_sanctions = claim("A 2017 U.N. Security Council resolution bars the supply of industrial "
                        "machinery and transportation vehicles to North Korea.", "supported",
                        [("excerpt", ex_resolution, "supports"),
                         ("excerpt", ex_letter_sanctions, "context")])
    c_staff = claim("Ms. Shvets has cut her staff from 30 to 12.", "supported",
                    [("quote", q_staff, "supports")])
    c_peppers = claim("Peppers at the Central Market in Blagoveshchensk cost 260 rubles a "
                      "kilogram, up from 180 a year ago.", "supported",
                      [("quote", q_peppers, "supports"), ("photo", market, "context")])
    # A lead still to check, in no sentence yet: the claims list shows it unsupported.
    claim("Vegetable prices in Blagoveshchensk markets have risen by a third.", "unverified",
          [("photo", market, "context")],
          notes="A lead, not checked yet: ask the traders at the Central Market.")
    c_wait = claim("Trucks carrying vegetables for Ms. Shvets have waited up to six days to "
                   "cross from Heihe.", "supported", [("quote", q_queue, "supports")])
    c_customs = claim("The Far Eastern Customs Directorate says clearance times at the crossing "
                      "are within legal limits.", "supported",
                      [("excerpt", ex_letter, "supports"), ("quote", q_clear, "context"),
                       ("quote", q_queue, "context")])

    case.requests.create(
        source=bank.uuid, claims=[c_banks.uuid],  # type: ignore[attr-defined]
        subject="Yuan payments for small business clients", channel="email",
        asked_at=datetime(2026, 10, 28, 10, 0, tzinfo=MSK),
        deadline=datetime(2026, 11, 4, 18, 0, tzinfo=MSK), status="no_response",
        notes="Followed up by phone on 3 Nov; switchboard took a message.")
    case.requests.create(
        source=embassy.uuid, claims=[c_exports.uuid, c_bridge.uuid],  # type: ignore[attr-defined]
        subject="Payments by Chinese banks to Russian companies", channel="email and fax",
        asked_at=datetime(2026, 11, 20, 11, 0, tzinfo=MSK),
        # Past by the publication date (Nov. 28) and still unanswered: "did not immediately
        # respond" is then fair.
        deadline=datetime(2026, 11, 26, 18, 0, tzinfo=MSK), status="pending",
        notes="Press office says the questions were passed on.")
    case.requests.create(
        source=customs.uuid, claims=[c_customs.uuid, c_bridge.uuid],  # type: ignore[attr-defined]
        subject="Clearance times at the Blagoveshchensk checkpoint", channel="email",
        asked_at=datetime(2026, 10, 29, 9, 0, tzinfo=MSK),
        deadline=datetime(2026, 11, 5, 18, 0, tzinfo=MSK), status="answered",
        answer_text="Customs clearance at the Blagoveshchensk checkpoint is carried out within "
                    "the time limits established by law.",
        answered_at=datetime(2026, 11, 5, 15, 40, tzinfo=MSK))
    case.requests.create(
        source=subsidiary.uuid, claims=[c_petrov.uuid],  # type: ignore[attr-defined]
        subject="Orders and payments for timber from Khabarovsk yards", channel="email",
        asked_at=datetime(2026, 10, 30, 10, 0, tzinfo=MSK),
        deadline=datetime(2026, 11, 6, 18, 0, tzinfo=MSK), status="no_response")

    def a(claim_record: object, words: str) -> str:
        return f"⟦claim:{claim_record.uuid}⟧{words}⟦/claim⟧"  # type: ignore[attr-defined]

    case.drafts.create(
        headline="On the Amur, a bridge to China carries less and less",
        dek="Small firms in Russia’s Far East say payments stall and trucks wait for days at "
            "the border. Customs officials say clearance times are within legal limits.",
        byline=[maria.uuid], dateline_place="BLAGOVESHCHENSK", dateline_country="Russia",
        status="writing", published_on=date(2026, 11, 28), author_tagline="",
        contributor_line=f"{ilya.name} contributed reporting from {ilya.base_city}, and "
                         f"{soojin.name} from {soojin.base_city}.",
        body="\n\n".join([
            # The first sentence is deliberately unanchored: the checker flags it.
            "Galina Shvets has been bringing vegetables across the Amur River from the Chinese "
            "city of Heihe for 12 years. This fall, "
            + a(c_wait, "her trucks have waited up to six days to cross") + ", she said. "
            "“Tomatoes do not live that long.”",
            a(c_exports, "Exports from the Amur region to China fell by 38 percent in the first "
                         "nine months of 2026") + ", according to the National Statistics "
            "Service, and " + a(c_bridge, "freight crossings at the Blagoveshchensk–Heihe "
                                          "bridge have fallen by more than half in a year")
            + ", customs data show.",
            "Across the river in Heihe, Nikolai Zhuravlev, who has driven a truck across the "
            "border since 2011, said by telephone from his cab that "
            + a(c_heihe, "trucks bound for Russia were waiting for days on the Chinese side of "
                         "the bridge") + ". "
            "“We’re standing here five days already, the whole column, and nobody tells us "
            "anything.”",
            "In Khabarovsk, Yuri Petrov, who runs a timber yard, said "
            + a(c_petrov, "he used to ship 40 trucks a week to the border") + ". “Now it is "
            "five, maybe six,” he added. " + a(c_closed, "Three yards on his road have closed "
                                                       "since April") + ", according to "
            "Mr. Petrov. “You can see the gates yourself; nobody bothers to lock them any more.”",
            "In the city’s car markets, " + a(c_parts, "prices for imported parts have risen by "
                                                       "more than half in a year") + ", said "
            "Dmitri Kovalenko, who imports parts from China.",
            "Mr. Kovalenko said " + a(c_banks, "banks have stopped processing payments in yuan "
                                               "for small firms like his") + ".",
            "A customs broker in Blagoveshchensk, who asked not to be named for fear of losing "
            "his license, said " + a(c_inspect, "trucks from China now wait for an extra "
                                                "inspection that has no deadline") + ". "
            "He also said " + a(c_offrec, "officers had been told to hold up trucks from "
                                          "China") + ".",
            f"⟦photo:{queue.uuid}⟧",
            a(c_customs, "The Far Eastern Customs Directorate said clearance times were within "
                         "legal limits") + ". It said the extra inspections were meant to keep "
            "goods under U.N. sanctions from passing through.",
            # The reporter's own sentence: why the resolution bears on a border crossing.
            a(c_sanctions, "A 2017 Security Council resolution bars the supply of industrial "
                           "machinery and transportation vehicles to North Korea")
            + ", including through the territory of other countries, so such goods may not "
            "cross Russia in transit there.",
            "At the Central Market in Blagoveshchensk, "
            + a(c_peppers, "peppers that sold for 180 rubles a kilogram last year now cost 260")
            + ", Ms. Shvets said. " + a(c_staff, "She has cut her staff from 30 to 12") + ".",
            "Amur Commerce Bank and the Harbin Senlin Trading subsidiary did not respond to "
            "requests for comment. The Embassy of China in Moscow did not immediately respond "
            "to a request for comment.",
        ]))
    case.tags.tag(case.claims.get(c_banks.uuid), "legal check")  # type: ignore[attr-defined]
    case.tags.tag(case.sources.get(broker.uuid), "protect")


def main() -> int:
    """Build the sample in a scratch case file and dump it next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        case = CaseFile.create(Path(tmp) / "sample.casefile",
                               title="Border trade on the Amur", actor="sample")
        try:
            build(case)
            for old in (HERE / "sample-files").glob("files/*"):
                old.unlink()
            dump_bundle(case, HERE / "sample.json")
        finally:
            case.close()
    # The dump carries photo previews too; the app makes them on import in milliseconds for
    # five small photos, so the shipped sample leaves them out and stays small.
    shutil.rmtree(HERE / "sample-files" / "previews", ignore_errors=True)
    print(f"wrote {HERE / 'sample.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
