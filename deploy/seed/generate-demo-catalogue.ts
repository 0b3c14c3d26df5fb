// Generates deploy/seed/demo-catalogue.marcxml: KennisCloud's own demo catalogue (fictional
// titles, authors, publishers and ISBNs written for this project; no third-party records).
// Deterministic: the same input gives byte-identical output.
//
//   node deploy/seed/generate-demo-catalogue.ts [path/to/brinkman-thesaurus-vocab.tsv]   (from the repository root)
//
// Subject headings are Dutch; where a heading is a label of the Brinkman thesaurus (KB, ODC-By,
// see README.md) its URI is added in $0. Without the vocabulary file the records are the same
// except for those $0 subfields.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface DemoRecord {
  key: string;
  title: string;
  subtitle?: string;
  authors: string[];
  year: number;
  language: 'dut' | 'eng' | 'ger';
  subjects: string[];
  summary: string;
  place?: string;
  publisher?: string;
}

// key | title[ : subtitle] | authors (;) | year | lang | subjects (,) | summary
const THEMED = `
wp01 | Van het gas af : warmtepompen voor bestaande woningen | Hendriks, Saskia | 2022 | dut | warmtepompen, verwarming, energiebesparing | Praktische gids voor huiseigenaren die hun cv-ketel willen vervangen door een warmtepomp. Over lucht-water- en bodemwarmtepompen, wat ze kosten, welke subsidie er is en hoe goed je huis geïsoleerd moet zijn.
wp02 | De warmtepomp in huis : kiezen, plaatsen en onderhouden | Bakker, Joost; Yilmaz, Derya | 2023 | dut | warmtepompen, installatietechniek | Stap voor stap van offerte tot onderhoud: hoe een installateur de warmtepomp plaatst, hoe je geluid beperkt en waarom lage-temperatuurverwarming ertoe doet.
wp03 | Hybride of all-electric? : gids voor de warmtetransitie thuis | Veenstra, Pieter | 2021 | dut | warmtepompen, energietransitie, aardgas | Vergelijkt de hybride warmtepomp met volledig elektrisch verwarmen en met een warmtenet, met rekenvoorbeelden voor rijtjeshuizen en jaren-dertigwoningen.
is01 | Isoleren doe je zo : spouwmuur, dak en vloer | de Graaf, Annelies | 2020 | dut | isolatie, woningen, energiebesparing | Handboek voor na-isolatie: spouwmuurisolatie, dakisolatie, vloerisolatie en isolerend glas. Met aandacht voor vocht, ventilatie en de volgorde van maatregelen.
is02 | Warm en droog : na-isolatie van vooroorlogse huizen | Smit, Roel | 2019 | dut | isolatie, oude woningen, vochtproblemen | Hoe isoleer je een oud huis zonder schimmel en vochtproblemen? Voor bewoners van woningen van voor 1940 met massieve muren en houten vloeren.
is03 | Het tochtvrije huis : kierdichting en kleine maatregelen met groot effect | van Dam, Ineke | 2022 | dut | energiebesparing, isolatie, doe-het-zelven | Goedkope maatregelen die je zelf uitvoert: tochtstrips, radiatorfolie, deurdrangers en een warmtescan van je woning.
zp01 | Zonnepanelen op je dak : alles over opbrengst, kosten en terugverdientijd | Koster, Bram | 2021 | dut | zonne-energie, zonnepanelen | Uitleg over zonnepanelen voor particulieren: soorten panelen, omvormers, de salderingsregeling en de terugverdientijd.
zp02 | Samen de zon oogsten : de energiecoöperatie in de wijk | Meijer, Fenna; el Amrani, Karim | 2023 | dut | zonne-energie, energiecoöperaties, buurtinitiatieven | Hoe buurtbewoners samen een coöperatie oprichten voor zonnepanelen op het dak van de school of een sporthal. Over statuten, subsidie en ledenwerving.
zp03 | Stroom van eigen dak : thuisbatterij, laadpaal en zonnepanelen slim combineren | Dijkstra, Wouter | 2024 | dut | zonne-energie, elektriciteit, energieopslag | Voor wie al zonnepanelen heeft: eigen verbruik verhogen met een thuisbatterij, slim laden en dynamische energiecontracten.
dw01 | Duurzaam wonen voor beginners | Vos, Lotte | 2020 | dut | duurzaam wonen, duurzame energie, energiebesparing | Overzicht voor wie duurzamer wil wonen: energie besparen, isoleren, zonnepanelen, water en afval, met een stappenplan per budget.
dw02 | Het energieneutrale huis : verbouwen met een plan | Mulder, Erik | 2022 | dut | duurzaam bouwen, verbouwing, duurzame energie | Hoe maak je van een bestaande woning een nul-op-de-meter-huis? Een woningeigenaar beschrijft zijn verbouwing, met isolatie, ventilatie en een warmtepomp.
dw03 | Groen verbouwen : materialen die de aarde sparen | Peters, Nadia | 2023 | dut | duurzaam bouwen, bouwmaterialen, circulaire economie | Over biobased isolatiemateriaal zoals hennep, vlas en stro, hergebruikte bouwmaterialen en circulair verbouwen.
ea01 | Koud thuis : energiearmoede in Nederland | Boukhari, Samira | 2023 | dut | energiearmoede, armoede, energiekosten | Reportages en onderzoek over huishoudens die hun energierekening niet kunnen betalen: slecht geïsoleerde huurwoningen, stille armoede en wat gemeenten en corporaties doen.
ea02 | Rondkomen met de energierekening : geldzaken voor huishoudens | Jonker, Marja | 2022 | dut | energiekosten, huishoudbudget, armoede | Werkboek om grip te krijgen op vaste lasten, energiecontracten te vergelijken en toeslagen en noodfondsen aan te vragen.
ea03 | Energiecoaches in de buurt : huishoudens helpen besparen | Wolters, Gijs | 2021 | dut | energiebesparing, energiearmoede, vrijwilligerswerk | Handleiding voor vrijwillige energiecoaches die bewoners thuis bezoeken, kleine maatregelen aanbrengen en helpen de energierekening te verlagen.
nw01 | Nieuwe woonvormen : samen wonen op je eigen manier | Hoekstra, Mirjam | 2021 | dut | woonvormen, woongroepen, gemeenschappelijk wonen | Van woongroep tot hofje, van kangoeroewoning tot wooncoöperatie: een overzicht van nieuwe woonvormen en hoe je er zelf een begint.
nw02 | Het knarrenhof : samen oud worden in een hofje | van Leeuwen, Henk | 2022 | dut | knarrenhof, ouderenhuisvesting, woongroepen | Het verhaal van bewoners die zelf een knarrenhof bouwden: geclusterd wonen voor ouderen met eigen voordeur en gedeelde tuin, naoberschap in de praktijk.
nw03 | Wonen in een tiny house : klein, vrij en betaalbaar | Visser, Tess | 2020 | dut | tiny houses, kleine woningen, woonvormen | Over het leven in een tiny house: regels van de gemeente, een kavel vinden, ontwerp en de keuze voor minder spullen.
nw04 | Woongroepen voor 55-plussers : samen zelfstandig | Brouwer, Ans | 2019 | dut | woongroepen, ouderenhuisvesting, ouderen | Handreiking voor ouderen die een woongroep willen starten of zich bij een bestaande groep willen aansluiten.
nw05 | Samen bouwen : collectief particulier opdrachtgeverschap | de Boer, Sander | 2023 | dut | woningbouw, woonvormen, wooncoöperaties | Hoe een groep toekomstige buren samen grond koopt en een woonproject ontwikkelt, van bouwgroep tot oplevering.
nw06 | Klein wonen, groot leven : ontwerpen voor tiny houses | Kuipers, Daan | 2022 | dut | tiny houses, architectuur, interieurontwerp | Ontwerpboek met plattegronden en slimme oplossingen voor wonen op minder dan vijftig vierkante meter.
ez01 | Eenzaamheid doorbreken : een handreiking voor buren en vrijwilligers | Sanders, Ellen | 2021 | dut | eenzaamheid, sociale contacten, vrijwilligerswerk | Praktische aanpak om eenzaamheid in de buurt te signaleren en te doorbreken, met gespreksvoorbeelden en initiatieven zoals de buurtkamer.
ez02 | Alleen, niet eenzaam : over verbinding op latere leeftijd | Verhoeven, Gerda | 2020 | dut | eenzaamheid, ouderen, welzijn | Interviews met ouderen over alleen zijn, verlies en nieuwe vriendschappen, en wat zij anderen aanraden tegen eenzaamheid.
ez03 | Jong en eenzaam : jongeren over zich alleen voelen | Achterberg, Noor | 2023 | dut | eenzaamheid, jongeren, psychisch welzijn | Jongeren vertellen over eenzaamheid op school, online en na de coronatijd; met tips voor ouders en docenten.
od01 | Ouder worden in je eigen huis : aanpassingen, hulp en zorg | Prins, Wim | 2022 | dut | ouderen, woningaanpassing, thuiszorg | Hoe blijf je zo lang mogelijk zelfstandig wonen? Over traplift, domotica, hulp in de huishouding en de Wmo.
od02 | Vitaal ouder worden : bewegen, eten en meedoen | Lammers, Sophie | 2021 | dut | ouderen, gezondheid, bewegen | Adviezen voor een gezonde oude dag: dagelijks bewegen, voeding, slapen en sociaal actief blijven.
od03 | Dementie in de familie : omgaan met een veranderende ouder | Janssen, Mieke | 2020 | dut | dementie, mantelzorg, ouderen | Voor kinderen van een ouder met dementie: de diagnose, communicatie, zorg regelen en de eigen grenzen bewaken.
mz01 | Mantelzorg : zorgen voor een naaste zonder jezelf te vergeten | de Wit, Karin | 2021 | dut | mantelzorg, mantelzorgers, overbelasting | Over de zorg voor een partner, ouder of kind: respijtzorg, hulp vragen, regelingen en signalen van overbelasting.
mz02 | De jonge mantelzorger : opgroeien met zorg thuis | Bosman, Lisa | 2022 | dut | mantelzorg, jongeren, gezinnen | Over kinderen en jongeren die thuis zorgen voor een ziek gezinslid, en hoe school en omgeving kunnen steunen.
mz03 | Mantelzorg en werk combineren | Hermans, Rob | 2023 | dut | mantelzorg, arbeid, verlof | Over zorgverlof, afspraken met je werkgever en het volhouden van de combinatie van betaald werk en zorgen voor een naaste.
bi01 | Buurtinitiatieven die werken : bewoners aan zet | Kramer, Tim; Aydin, Elif | 2022 | dut | buurtinitiatieven, burgerparticipatie, buurtwerk | Twintig voorbeelden van bewonersinitiatieven: een buurtbus, een ruilkast, een gedeelde tuin. Over subsidie, vrijwilligers en samenwerken met de gemeente.
bi02 | Het buurthuis van de toekomst | van der Meer, Joke | 2021 | dut | buurthuizen, buurtwerk, sociale cohesie | Hoe buurthuizen door bewoners worden gerund en een ontmoetingsplek worden voor alle generaties in de wijk.
bi03 | Samen repareren : het repair café | Timmermans, Frank | 2020 | dut | repair cafés, duurzaamheid, buurtinitiatieven | Handboek voor het opzetten van een repair café: vrijwilligers, gereedschap, veiligheid en de sociale kant van samen repareren.
bi04 | Van idee tot uitvoering : een burgerinitiatief in de wijk | Claassen, Ruud | 2023 | dut | burgerparticipatie, buurtinitiatieven, gemeentebeleid | Stappenplan voor bewoners die een plan voor hun buurt willen realiseren: draagvlak, het right to challenge en financiering.
ov01 | Onderwijsvernieuwing in de praktijk | Schouten, Marleen | 2021 | dut | onderwijsvernieuwing, basisonderwijs, didactiek | Leraren en schoolleiders over vernieuwing van het onderwijs: thematisch werken, formatief evalueren en teamleren.
ov02 | Gepersonaliseerd leren op de basisschool | Hoogland, Bas | 2022 | dut | onderwijsvernieuwing, gepersonaliseerd leren, basisonderwijs | Hoe scholen onderwijs afstemmen op het tempo en de interesses van elk kind, met ervaringen van ouders en leerkrachten.
ov03 | De school van morgen : ouders en leraren over goed onderwijs | Rutten, Inge | 2023 | dut | onderwijs, onderwijsvernieuwing, ouderbetrokkenheid | Essays over de toekomst van het onderwijs, het lerarentekort en de rol van ouders bij vernieuwing op school.
dv01 | Digitaal meedoen : computervaardigheden voor senioren | Willems, Hans | 2021 | dut | digitale vaardigheden, ouderen, computers | Cursusboek in grote letters: e-mailen, videobellen, foto's delen en veilig internetbankieren voor senioren.
dv02 | Veilig online : phishing en oplichting herkennen | Evers, Marloes | 2022 | dut | internetveiligheid, oplichting, digitale vaardigheden | Herken nepberichten, valse bankmedewerkers en WhatsApp-fraude. Met checklists voor ouderen en hun familie.
dv03 | Aan de slag met je smartphone | van Beek, Carla | 2023 | dut | smartphones, digitale vaardigheden | Uitleg voor beginners: apps installeren, instellingen, berichten sturen en foto's maken met een Android-telefoon of iPhone.
dv04 | De overheid online : DigiD, belastingaangifte en toeslagen | Maas, Jeroen | 2022 | dut | digitale overheid, digitale vaardigheden, DigiD | Hulp bij zaken met de overheid via internet: DigiD aanvragen, de belastingaangifte en toeslagen regelen.
tl01 | Laaggeletterdheid : wat je eraan kunt doen | Vermeulen, Astrid | 2020 | dut | laaggeletterdheid, alfabetisering, taalonderwijs | Over volwassenen die moeite hebben met lezen en schrijven, het Taalhuis in de bibliotheek en hoe je iemand helpt.
tl02 | Taalmaatje worden : Nederlands oefenen met nieuwkomers | Bulut, Hatice | 2022 | dut | Nederlands als tweede taal, vrijwilligerswerk, inburgering | Voor vrijwilligers die samen met een nieuwkomer Nederlands oefenen: gesprekken, oefeningen en wat je tegenkomt bij inburgering.
tl03 | Voorlezen met peuters : taal en plezier vanaf het begin | Koning, Saar | 2021 | dut | voorlezen, taalontwikkeling, peuters | Hoe voorlezen de taalontwikkeling van jonge kinderen stimuleert, met boekentips en voorleesrituelen.
op01 | Opvoeden in het digitale tijdperk : kinderen en schermtijd | Dekker, Anouk | 2022 | dut | opvoeding, schermtijd, mediawijsheid | Over gamen, sociale media en smartphones in het gezin: afspraken maken over schermtijd zonder eindeloze ruzie.
op02 | Pubers begrijpen : opvoeden tussen loslaten en grenzen stellen | van Vliet, Marc | 2020 | dut | opvoeding, pubers, gezinsleven | Over het puberbrein, ruzies aan de keukentafel en hoe ouders contact houden met hun tiener.
op03 | Opvoeden zonder straffen | Smeets, Joyce | 2021 | dut | opvoeding, jonge kinderen, gezinsleven | Positief opvoeden met jonge kinderen: driftbuien, slapen en samenwerken zonder straf en beloning.
kl01 | Klimaatverandering in gewone taal | Reijnders, Olaf | 2021 | dut | klimaatveranderingen, broeikaseffect | Een heldere uitleg van de opwarming van de aarde: oorzaken, gevolgen voor Nederland en wat je zelf kunt doen.
kl02 | Klimaatadaptatie in de stad : groen, water en hitte | Pauwels, Ilse | 2022 | dut | klimaatadaptatie, stedelijk groen, wateroverlast | Hoe gemeenten en bewoners de stad voorbereiden op hittegolven en hoosbuien: groene daken, wadi's en minder tegels.
kl03 | Klimaatangst en hoop : leven met een veranderend klimaat | Aarts, Nina | 2023 | dut | klimaatveranderingen, psychologie | Over zorgen om het klimaat bij jongeren en volwassenen en hoe je die omzet in actie in je eigen omgeving.
bd01 | Biodiversiteit in je eigen tuin | Vink, Harm | 2021 | dut | biodiversiteit, tuinen, natuurbeheer | Maak van je tuin een thuis voor vogels, egels en insecten: inheemse planten, een vijver en minder maaien.
bd02 | Bijen en vlinders tellen : insecten in Nederland | Lambrechts, Yara | 2020 | dut | insecten, bijen, vlinders, biodiversiteit | Veldgids met tips om insecten te herkennen en te helpen, en uitleg over de achteruitgang van de biodiversiteit.
bd03 | Tegels eruit, groen erin : geveltuinen en een groene straat | Tromp, Ester | 2023 | dut | vergroening, stedelijk groen, buurtinitiatieven, biodiversiteit | Hoe bewoners samen hun straat vergroenen met geveltuinen, boomspiegels en een tegelwipwedstrijd.
mt01 | De moestuin voor beginners : zaaien, verzorgen, oogsten | Ruiter, Gert | 2020 | dut | moestuinen, groenteteelt, tuinieren | Alles voor je eerste moestuin: grondbewerking, zaaikalender, wisselteelt en oogsten zonder gif.
mt02 | Samen tuinieren : de buurtmoestuin | Hendrix, Floor | 2022 | dut | moestuinen, buurtinitiatieven, gemeenschapstuinen | Hoe je met buurtbewoners een gemeenschappelijke moestuin begint en onderhoudt, met afspraken over water, gereedschap en oogst.
mt03 | Groenten kweken op je balkon | Mertens, Julia | 2021 | dut | moestuinen, balkontuinen, groenteteelt | Tomaten, sla en kruiden in bakken en potten: moestuinieren op een klein balkon of dakterras.
gs01 | Uit de schulden : stap voor stap naar financiële rust | Yildiz, Mert | 2021 | dut | schulden, schuldhulpverlening, huishoudbudget | Over het aanpakken van betalingsachterstanden, schuldhulpverlening van de gemeente en leven met een klein budget.
gz01 | Beter slapen zonder pillen | Groen, Evelien | 2020 | dut | slapen, slaapstoornissen, gezondheid | Over slapeloosheid, slaapritme en ontspanning, met een programma van zes weken.
mb01 | Autodelen in de buurt : minder auto's, meer ruimte | Kok, Stijn | 2022 | dut | autodelen, mobiliteit, buurtinitiatieven | Over deelauto's in de wijk: hoe buren samen een elektrische auto delen, met afspraken over kosten en verzekering.
af01 | Het afvalvrije huishouden | Bos, Linda | 2021 | dut | afvalpreventie, duurzaam leven, consumptie | Minder afval met hervulbare verpakkingen, repareren en tweedehands kopen, voor gezinnen met een druk leven.
vw01 | Vrijwilliger worden : meedoen in je gemeente | Dam, Erik | 2019 | dut | vrijwilligerswerk, maatschappelijke participatie | Over het vinden van vrijwilligerswerk dat bij je past, van taalmaatje tot voetbaltrainer.
kb01 | Stamppotten en soepen : Hollandse winterkost | de Jong, Truus | 2019 | dut | kookboeken, Nederlandse keuken | Honderd recepten voor stamppot, erwtensoep en ovenschotels voor koude dagen.
kb02 | Koken met groenten uit eigen tuin | Bergsma, Ilse | 2021 | dut | kookboeken, groenten | Seizoensrecepten voor wie een groentetuin heeft of groenten van de markt haalt: courgettes, pompoen en bonen.
kb03 | Het Indonesische kookboek | Tan, Lien | 2018 | dut | kookboeken, Indonesische keuken | Klassieke recepten uit de Indonesische en Indische keuken, van rendang tot spekkoek.
kb04 | Bakken met oma : koekjes, taarten en brood | Hofman, Gre | 2020 | dut | bakken, kookboeken | Familierecepten voor appeltaart, boterkoek en krentenbrood, met verhalen uit de keuken van vroeger.
th01 | Het stille dorp | Verbeek, Marten | 2022 | dut | thrillers | Literaire thriller. Een eenzame weduwnaar in een krimpdorp ontdekt dat zijn buren een geheim delen.
th02 | Koude sporen | Brandsma, Ilona | 2021 | dut | thrillers, detectives | Rechercheur Ada Wijnstra onderzoekt een verdwijning in een Fries dorp tijdens een ijskoude winter.
th03 | De erfenis | Lindeman, Paul | 2023 | dut | thrillers, familierelaties | Drie zussen erven het huis van hun moeder en ontdekken een brief die alles verandert.
rg01 | Reisgids Portugal : Lissabon, Porto en de Algarve | Ferreira, Ana | 2023 | dut | reisgidsen, Portugal | Praktische reisgids met routes, hotels en restaurants.
rg02 | Fietsen langs de Waddenkust | Postma, Jelle | 2022 | dut | fietsroutes, Waddengebied | Twaalf fietstochten langs dijken en wadden, met kaarten en overnachtingsadressen.
rg03 | Stedentrip Berlijn | Keller, Jonas | 2021 | dut | reisgidsen, Berlijn | Compacte gids voor een lang weekend Berlijn: musea, wijken en uitgaan.
en01 | Heat pumps : a practical guide for homeowners | Whitfield, Greg | 2022 | eng | heat pumps, home heating | An English guide to air-source and ground-source heat pumps, sizing and installation in older houses.
en02 | The loneliness paradox | Harding, Clare | 2021 | eng | loneliness, social isolation | Essays on loneliness in modern societies and the science of social connection.
en03 | Gardening for wildlife | Moss, Eleanor | 2020 | eng | wildlife gardening, biodiversity | How to turn any garden into a haven for birds, bees and butterflies.
en04 | Tiny house living : a handbook | Carver, Dean | 2019 | eng | tiny houses, small houses | Design, law and daily life in a tiny house, with American and European examples.
de01 | Wärmepumpen im Altbau | Krüger, Stefan | 2022 | ger | Wärmepumpe, Altbausanierung | Ratgeber für Hausbesitzer: Wärmepumpen in älteren Gebäuden planen und betreiben.
de02 | Gemeinschaftliches Wohnen im Alter | Hoffmann, Ute | 2020 | ger | Wohngemeinschaft, Senioren | Wohnprojekte für ältere Menschen in Deutschland und den Niederlanden.
de03 | Der Gemüsegarten : Anbau im Jahreslauf | Fischer, Klaus | 2021 | ger | Gemüsebau, Gartenbau | Gemüse anbauen im eigenen Garten, von der Aussaat bis zur Ernte.
`;

/** Long records that repeat common words: they must not beat focused titles. */
const STUFFED: Array<Omit<DemoRecord, 'summary'> & { words: string[] }> = [
  { key: 'lg01', title: 'Jaarboek van de gemeente 2023', authors: ['Gemeente Polderstad'], year: 2024, language: 'dut', subjects: ['gemeenten', 'jaarverslagen'], words: ['wonen', 'huis', 'energie', 'ouderen', 'buurt', 'school', 'klimaat', 'tuin', 'zorg', 'samen', 'bewoners', 'gemeente'] },
  { key: 'lg02', title: 'Verzamelde raadsstukken : wonen, zorg en energie 2019-2022', authors: ['Gemeente Polderstad'], year: 2023, language: 'dut', subjects: ['gemeentebeleid', 'raadsstukken'], words: ['wonen', 'woning', 'energie', 'zorg', 'ouderen', 'isolatie', 'buurt', 'subsidie', 'beleid', 'bewoners'] },
  { key: 'lg03', title: 'Het grote huis- en tuinboek', authors: ['Redactie Huis & Haard'], year: 2018, language: 'dut', subjects: ['huishouden', 'naslagwerken'], words: ['huis', 'tuin', 'energie', 'wonen', 'planten', 'verwarming', 'zon', 'water', 'kinderen', 'koken'] },
];

const COUNTRIES = ['Italië', 'Spanje', 'Frankrijk', 'Griekenland', 'Kroatië', 'Noorwegen', 'Schotland', 'IJsland', 'Japan', 'Marokko', 'Turkije', 'Zweden', 'Ierland', 'Oostenrijk', 'Polen'];
const HISTORY = ['de Gouden Eeuw', 'de Tweede Wereldoorlog', 'de Romeinen in Nederland', 'de Hanzesteden', 'de watersnood van 1953', 'de Tachtigjarige Oorlog', 'het Rampjaar 1672', 'de Friese vrijheid', 'de Industriële Revolutie', 'de VOC'];
const HOBBIES = ['Breien', 'Aquarelleren', 'Fotografie', 'Houtbewerking', 'Vogels kijken', 'Schaken', 'Hardlopen', 'Yoga', 'Zingen in een koor', 'Keramiek', 'Sterrenkijken', 'Vissen', 'Bridge', 'Pianospelen', 'Kalligraferen'];
const CUISINES = ['Italiaanse', 'Thaise', 'Mexicaanse', 'Libanese', 'Japanse', 'Surinaamse', 'Turkse', 'Griekse', 'vegetarische', 'Franse'];
const NOVEL_WORDS = [['De', 'verloren', 'zomer'], ['Het', 'laatste', 'licht'], ['Een', 'huis', 'aan', 'zee'], ['De', 'dochter', 'van', 'de', 'schipper'], ['Wat', 'de', 'rivier', 'wist'], ['Het', 'jaar', 'van', 'de', 'storm'], ['De', 'tuinman'], ['Nachttrein', 'naar', 'Wenen'], ['Zout', 'op', 'de', 'huid'], ['Onder', 'de', 'lindeboom'], ['Het', 'geheim', 'van', 'de', 'molen'], ['Brieven', 'uit', 'Batavia'], ['De', 'stille', 'kracht', 'van', 'mei'], ['Achter', 'de', 'dijk'], ['Vlucht', 'over', 'de', 'heide']];
const FIRST = ['Anna', 'Bram', 'Cor', 'Dirk', 'Eva', 'Fleur', 'Gijs', 'Hanna', 'Iris', 'Jan', 'Kees', 'Lieke', 'Maarten', 'Nienke', 'Otto', 'Pien', 'Quinten', 'Rosa', 'Sem', 'Tineke', 'Umut', 'Vera', 'Wessel', 'Yasmin', 'Zeger'];
const LAST = ['Aalbers', 'Beukema', 'Couwenberg', 'Drenth', 'Eijkelboom', 'Feenstra', 'Goudsmit', 'Haverkamp', 'IJzerman', 'Jorritsma', 'Kamminga', 'Lubbers', 'Molenaar', 'Nijboer', 'Oosterhuis', 'Pronk', 'Rademaker', 'Stoffels', 'Terpstra', 'Uiterwijk', 'Veldkamp', 'Westra', 'Zandstra'];

function author(i: number): string {
  return `${LAST[(i * 7) % LAST.length]}, ${FIRST[(i * 11) % FIRST.length]}`;
}

/** Deterministic general-collection records: travel, history, hobbies, cooking, novels. */
function generalCollection(): DemoRecord[] {
  const records: DemoRecord[] = [];
  COUNTRIES.forEach((c, i) => records.push({ key: `gr${pad(i + 1)}`, title: `Reisgids ${c}`, subtitle: 'de mooiste routes, steden en natuur', authors: [author(i)], year: 2016 + (i % 9), language: 'dut', subjects: ['reisgidsen', c], summary: `Reisgids voor ${c} met routes, bezienswaardigheden, praktische informatie en tips voor eten en overnachten.` }));
  HISTORY.forEach((h, i) => records.push({ key: `gh${pad(i + 1)}`, title: `Een korte geschiedenis van ${h}`, authors: [author(i + 20)], year: 2010 + (i % 14), language: 'dut', subjects: ['geschiedenis', 'Nederland ; geschiedenis'], summary: `Toegankelijk geschreven overzicht van ${h}, met kaarten, portretten en bronnen.` }));
  HOBBIES.forEach((h, i) => records.push({ key: `gb${pad(i + 1)}`, title: `${h} voor iedereen`, subtitle: 'technieken en projecten', authors: [author(i + 40)], year: 2012 + (i % 12), language: 'dut', subjects: ['hobby\'s', h.toLowerCase()], summary: `Een inleiding in ${h.toLowerCase()} voor beginners en gevorderden, met oefeningen en projecten stap voor stap.` }));
  CUISINES.forEach((k, i) => records.push({ key: `gk${pad(i + 1)}`, title: `De ${k} keuken`, subtitle: 'recepten voor elke dag', authors: [author(i + 60)], year: 2014 + (i % 10), language: 'dut', subjects: ['kookboeken', `${k} keuken`.replace(/^\w/, (c) => c.toUpperCase())], summary: `Recepten uit de ${k} keuken voor doordeweekse avonden en feestdagen, met boodschappenlijsten.` }));
  NOVEL_WORDS.forEach((w, i) => records.push({ key: `gn${pad(i + 1)}`, title: w.join(' '), subtitle: 'roman', authors: [author(i + 80)], year: 2005 + (i % 19), language: 'dut', subjects: ['romans'], summary: `Roman over ${['liefde en verlies', 'een familiegeheim', 'vriendschap', 'een verhuizing naar het platteland', 'een reis door Europa'][i % 5]}.` }));
  ['Het menselijk lichaam', 'De geschiedenis van de muziek', 'Sterren en planeten', 'Dinosaurussen', 'Het weer verklaard', 'Wiskunde voor nieuwsgierigen', 'Filosofie in vijftig ideeën', 'De kunst van het schilderen', 'Programmeren voor kinderen', 'Voetbal : de mooiste wedstrijden'].forEach((t, i) =>
    records.push({ key: `gi${pad(i + 1)}`, title: t, authors: [author(i + 100)], year: 2008 + (i % 16), language: 'dut', subjects: [['anatomie', 'muziekgeschiedenis', 'astronomie', 'dinosauriërs', 'meteorologie', 'wiskunde', 'filosofie', 'schilderkunst', 'programmeren', 'voetbal'][i]], summary: `Informatief boek voor een breed publiek: ${t.toLowerCase()} helder uitgelegd met illustraties.` }),
  );
  return records;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseThemed(): DemoRecord[] {
  return THEMED.trim()
    .split('\n')
    .map((line) => {
      const [key, fullTitle, authors, year, language, subjects, summary] = line.split(' | ').map((s) => s.trim());
      const [title, ...rest] = fullTitle.split(' : ');
      return {
        key,
        title,
        subtitle: rest.length ? rest.join(' : ') : undefined,
        authors: authors.split('; '),
        year: Number(year),
        language: language as DemoRecord['language'],
        subjects: subjects.split(', '),
        summary,
      };
    });
}

function stuffedSummary(words: string[], seed: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 160; i++) {
    const w = words[(i * (seed + 3) + (i >> 2)) % words.length];
    parts.push(i % 9 === 0 ? `In hoofdstuk ${(i / 9) + 1} gaat het over ${w} en ${words[(i + 1) % words.length]}.` : `${w}`);
  }
  return `Dit jaaroverzicht bundelt alle stukken. ${parts.join(' ')}.`;
}

/** A fictional ISBN-13 (979-8-9999-…) with a valid check digit. */
function fictionalIsbn(n: number): string {
  const body = `97989999${String(n).padStart(4, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function field008(year: number, language: string): string {
  const value = `240101s${year}    ne            000 0 ${language} d`;
  if (value.length !== 40) throw new Error(`008 must be 40 characters: ${value}`);
  return value;
}

function loadVocabulary(path: string | undefined): Map<string, string> {
  const vocab = new Map<string, string>();
  if (!path || !existsSync(path)) return vocab;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [uri, label] = line.split('\t');
    if (uri && label) vocab.set(label.trim().toLowerCase(), uri.replace(/^<|>$/g, ''));
  }
  return vocab;
}

function displayName(inverted: string): string {
  const [last, first] = inverted.split(', ');
  return first ? `${first} ${last}` : inverted;
}

function toMarcXml(r: DemoRecord, index: number, vocab: Map<string, string>): string {
  const sf = (code: string, value: string) => `<subfield code="${code}">${xml(value)}</subfield>`;
  const df = (tag: string, ind1: string, ind2: string, subfields: string) => `    <datafield tag="${tag}" ind1="${ind1}" ind2="${ind2}">${subfields}</datafield>`;
  const lines = [
    '  <record>',
    '    <leader>00000nam a2200000 i 4500</leader>',
    `    <controlfield tag="001">kcdemo-${r.key}</controlfield>`,
    '    <controlfield tag="003">KennisCloud</controlfield>',
    `    <controlfield tag="008">${field008(r.year, r.language)}</controlfield>`,
  ];
  if (index % 7 !== 3) lines.push(df('020', ' ', ' ', sf('a', fictionalIsbn(index + 1))));
  lines.push(df('041', '0', ' ', sf('a', r.language)));
  const [main, ...added] = r.authors;
  const corporate = /^(Gemeente|Redactie)\b/.test(main);
  lines.push(corporate ? df('110', '2', ' ', sf('a', main)) : df('100', '1', ' ', sf('a', main) + sf('4', 'aut')));
  const responsibility = r.authors.map(displayName).join(' en ');
  lines.push(df('245', '1', '0', sf('a', r.subtitle ? `${r.title} :` : `${r.title} /`) + (r.subtitle ? sf('b', `${r.subtitle} /`) : '') + sf('c', responsibility)));
  lines.push(df('264', ' ', '1', sf('a', r.place ?? ['Amsterdam', 'Utrecht', 'Zwolle', 'Leeuwarden', 'Nijmegen'][index % 5]) + sf('b', r.publisher ?? ['Uitgeverij Kennishaven', 'Uitgeverij Polderlicht', 'Uitgeverij De Zeven Linden', 'Uitgeverij Brugwachter'][index % 4]) + sf('c', String(r.year))));
  lines.push(df('520', ' ', ' ', sf('a', r.summary)));
  for (const subject of r.subjects) {
    const uri = vocab.get(subject.toLowerCase());
    lines.push(df('650', ' ', '7', sf('a', subject) + sf('2', 'brinkman') + (uri ? sf('0', uri) : '')));
  }
  for (const name of added) lines.push(df('700', '1', ' ', sf('a', name) + sf('4', 'aut')));
  lines.push('  </record>');
  return lines.join('\n');
}

export function demoRecords(): DemoRecord[] {
  const stuffed = STUFFED.map(({ words, ...r }, i) => ({ ...r, summary: stuffedSummary(words, i) }));
  return [...parseThemed(), ...stuffed, ...generalCollection()];
}

export function demoCatalogueXml(vocab: Map<string, string>): string {
  const records = demoRecords();
  const keys = new Set(records.map((r) => r.key));
  if (keys.size !== records.length) throw new Error('duplicate record key');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- KennisCloud demo catalogue: fictional records written for this project (EUPL-1.2).',
    '     Generated by deploy/seed/generate-demo-catalogue.ts; do not edit by hand.',
    '     Subject URIs ($0): Brinkman thesaurus, KB. Contains OCLC information made available under the ODC Attribution license. -->',
    '<collection xmlns="http://www.loc.gov/MARC21/slim">',
    ...records.map((r, i) => toMarcXml(r, i, vocab)),
    '</collection>',
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('generate-demo-catalogue.ts') || process.argv[1]?.endsWith('generate-demo-catalogue.js')) {
  const vocabPath = process.argv[2] ?? resolve('services/catalogue/data/brinkman/brinkman-thesaurus-vocab.tsv');
  const out = resolve('deploy/seed/demo-catalogue.marcxml');
  writeFileSync(out, demoCatalogueXml(loadVocabulary(vocabPath)));
  console.log(`wrote ${demoRecords().length} records to ${out}`);
}
