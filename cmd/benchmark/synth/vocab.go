package synth

import "strings"

// Language is the vocabulary of one language: frequent function words, the
// words of the field, and section headings and title patterns for handbooks.
type Language struct {
	Code     string
	Function string // the most frequent words, most frequent first
	Field    string // words of the field, roughly most frequent first
	Headings []string
	Titles   []string // "%s" takes a topic
	Topics   []string
}

// Languages are the languages the generator writes. All use scripts that the
// standard PDF fonts (WinAnsiEncoding) can show.
var Languages = []Language{english, french, spanish, german}

var english = Language{
	Code: "en",
	Function: `the of and to in a for is be that on with as by are or this it from at
		an should their which not may have can all who has will they must been any
		other where when if also under such these more than into about each there
		within through what how but only between those them its after before was`,
	Field: `victims trafficking human persons exploitation labour support children
		referral protection identification authorities services forced work
		assistance national rights case first responders police information
		mechanism child law enforcement risk potential survivors indicators
		migrants recruitment workers procedures safety legal health interview
		victim trafficked organisations slavery modern sexual shelter prosecution
		border agencies consent report decision government guidance employer
		debt bondage coercion abuse immigration social practitioners training
		criminal justice accommodation counselling interpreter trauma informed
		minors guardian unaccompanied domestic servitude begging criminality
		organ removal smuggling supply chains due diligence companies audit
		inspection inspectors labour inspectorate wages passport documents
		confiscated threats violence deception vulnerability poverty conflict
		displacement refugees asylum return reintegration repatriation
		compensation restitution remedy residence permit reflection period
		recovery psychological medical care housing education employment
		cooperation coordination multidisciplinary network stakeholders civil
		society NGOs hotline helpline screening assessment age verification
		evidence testimony witness court trial sentence offenders traffickers
		networks organised crime online platforms advertisements recruitment
		agencies fees contracts overtime sectors agriculture construction
		fishing manufacturing hospitality cleaning care garment mining
		domestic workers seasonal temporary visas sponsorship regular irregular
		status detention non-punishment principle obligations convention
		protocol directive article states parties legislation policy strategy
		action plan monitoring data statistics research evaluation prevention
		awareness campaigns communities schools families parents gender women
		girls boys men disabilities indigenous minorities discrimination
		stigma confidentiality privacy data protection consent safeguarding
		duty notify referral form competent authority reasonable grounds
		conclusive grounds caseworker outreach frontline officers prosecutors
		judges lawyers consulates embassies international regional cross-border
		partnership memorandum understanding standard operating procedures
		checklist toolkit handbook manual guideline module session trainers
		participants exercise scenario indicators red flags risk factors`,
	Headings: []string{"Introduction", "Scope and purpose", "Definitions", "Legal framework",
		"Identifying victims", "Indicators of exploitation", "The first interview",
		"Referral procedures", "Immediate assistance", "Safe accommodation",
		"Children and young people", "Working with interpreters", "Trauma-informed practice",
		"Labour inspection", "Supply chain due diligence", "Investigation and prosecution",
		"Non-punishment of victims", "Compensation and remedies", "Return and reintegration",
		"Data protection", "Case studies", "Monitoring and evaluation", "Annex: checklists",
		"Contacts and hotlines", "Glossary"},
	Titles: []string{"Handbook on %s", "Guidelines for %s", "%s: a practitioner's toolkit",
		"Standard operating procedures for %s", "Training manual on %s", "%s in practice"},
	Topics: []string{"the identification of trafficked persons", "national referral mechanisms",
		"labour exploitation", "child trafficking", "victim assistance", "forced labour in supply chains",
		"trauma-informed interviews", "the prosecution of trafficking cases", "safe return and reintegration",
		"labour inspection", "domestic servitude", "online recruitment and exploitation"},
}

var french = Language{
	Code: "fr",
	Function: `de la le les des et à en du un une pour est dans que par qui sur au
		sont être ou avec leur doit ne pas peut ces cette il elle aux ont tout
		lors afin entre comme plus sans selon dont également notamment avant après`,
	Field: `victimes traite êtres humains exploitation travail personnes enfants
		protection identification autorités services assistance orientation
		mécanisme national droits police forcé soutien hébergement sécurité
		intervenants indicateurs migrants recrutement travailleurs procédures
		juridique santé entretien victime organisations esclavage sexuelle
		poursuites frontières agences consentement signalement décision
		employeur dette servitude contrainte abus immigration sociale formation
		pénale justice accueil interprète traumatisme mineurs tuteur non
		accompagnés domestique mendicité criminalité prélèvement organes trafic
		migrants chaînes approvisionnement vigilance entreprises inspection
		inspecteurs salaires passeport documents confisqués menaces violence
		tromperie vulnérabilité pauvreté conflit déplacement réfugiés asile
		retour réintégration rapatriement indemnisation réparation titre séjour
		délai réflexion rétablissement psychologique médical soins logement
		éducation emploi coopération coordination réseau société civile ligne
		écoute évaluation âge preuves témoignage témoin tribunal procès peine
		auteurs trafiquants réseaux criminalité organisée plateformes annonces
		contrats heures secteurs agriculture construction pêche hôtellerie
		nettoyage confection mines saisonniers visas statut détention principe
		obligations convention protocole directive article États législation
		politique stratégie plan action suivi données statistiques recherche
		prévention sensibilisation campagnes communautés écoles familles genre
		femmes filles garçons hommes handicap discrimination confidentialité
		autorité compétente motifs raisonnables travailleur social procureurs
		juges avocats consulats ambassades internationale régionale partenariat
		modes opératoires normalisés guide manuel module formateurs exercice`,
	Headings: []string{"Introduction", "Objet et champ d'application", "Définitions",
		"Cadre juridique", "Identification des victimes", "Indicateurs d'exploitation",
		"Le premier entretien", "Procédures d'orientation", "Assistance immédiate",
		"Hébergement sécurisé", "Enfants et jeunes", "Travailler avec des interprètes",
		"Inspection du travail", "Enquêtes et poursuites", "Non-sanction des victimes",
		"Indemnisation", "Retour et réintégration", "Protection des données",
		"Études de cas", "Annexe : listes de contrôle", "Glossaire"},
	Titles: []string{"Manuel sur %s", "Lignes directrices pour %s", "%s : boîte à outils",
		"Guide pratique sur %s", "Module de formation sur %s"},
	Topics: []string{"l'identification des victimes de la traite", "le mécanisme national d'orientation",
		"l'exploitation par le travail", "la traite des enfants", "l'assistance aux victimes",
		"le travail forcé dans les chaînes d'approvisionnement", "les entretiens avec les victimes",
		"les poursuites pénales", "le retour volontaire"},
}

var spanish = Language{
	Code: "es",
	Function: `de la el en y los las del a que por para se con un una es al como
		su sus o no debe ser puede entre sobre cuando sin este esta son ha han
		todos también así durante según donde cada otros antes después`,
	Field: `víctimas trata personas explotación laboral niños niñas protección
		identificación autoridades servicios asistencia derivación mecanismo
		nacional derechos policía trabajo forzoso apoyo albergue seguridad
		indicadores migrantes reclutamiento trabajadores procedimientos
		jurídica salud entrevista víctima organizaciones esclavitud sexual
		enjuiciamiento fronteras agencias consentimiento denuncia decisión
		empleador deuda servidumbre coacción abuso migración social capacitación
		penal justicia acogida intérprete trauma menores tutor no acompañados
		doméstica mendicidad delincuencia extracción órganos tráfico cadenas
		suministro diligencia debida empresas inspección inspectores salarios
		pasaporte documentos retenidos amenazas violencia engaño vulnerabilidad
		pobreza conflicto desplazamiento refugiados asilo retorno reintegración
		repatriación indemnización reparación permiso residencia período
		reflexión recuperación psicológica médica atención vivienda educación
		empleo cooperación coordinación red sociedad civil línea ayuda
		evaluación edad pruebas testimonio testigo tribunal juicio condena
		tratantes redes crimen organizado plataformas anuncios contratos horas
		sectores agricultura construcción pesca hostelería limpieza textil
		minería temporeros visados situación detención principio obligaciones
		convención protocolo directiva artículo Estados legislación política
		estrategia plan acción seguimiento datos estadísticas investigación
		prevención sensibilización campañas comunidades escuelas familias
		género mujeres hombres discapacidad discriminación confidencialidad
		autoridad competente indicios razonables fiscales jueces abogados
		consulados embajadas internacional regional alianza protocolos guía
		manual módulo formadores ejercicio`,
	Headings: []string{"Introducción", "Objeto y alcance", "Definiciones", "Marco jurídico",
		"Identificación de víctimas", "Indicadores de explotación", "La primera entrevista",
		"Procedimientos de derivación", "Asistencia inmediata", "Alojamiento seguro",
		"Niños, niñas y adolescentes", "Trabajo con intérpretes", "Inspección laboral",
		"Investigación y enjuiciamiento", "No punición de las víctimas", "Indemnización",
		"Retorno y reintegración", "Protección de datos", "Estudios de caso",
		"Anexo: listas de verificación", "Glosario"},
	Titles: []string{"Manual sobre %s", "Directrices para %s", "%s: caja de herramientas",
		"Guía práctica de %s", "Protocolo de actuación para %s"},
	Topics: []string{"la identificación de víctimas de trata", "el mecanismo nacional de derivación",
		"la explotación laboral", "la trata de niños y niñas", "la asistencia a víctimas",
		"el trabajo forzoso en las cadenas de suministro", "la entrevista a víctimas",
		"la persecución penal de la trata", "el retorno seguro"},
}

var german = Language{
	Code: "de",
	Function: `die der und in zu den von das mit für ist im des sich auf nicht
		werden eine ein dem als auch sind oder bei durch nach wird können
		sollten aus wenn über zur zum vor diese dieser sowie ihre`,
	Field: `Opfer Menschenhandel Ausbeutung Arbeit Personen Kinder Schutz
		Identifizierung Behörden Beratung Unterstützung Verweisung Mechanismus
		nationale Rechte Polizei Zwangsarbeit Unterkunft Sicherheit Indikatoren
		Migranten Anwerbung Arbeitnehmer Verfahren rechtliche Gesundheit
		Befragung Organisationen Sklaverei sexuelle Strafverfolgung Grenze
		Einwilligung Meldung Entscheidung Arbeitgeber Schulden Schuldknechtschaft
		Zwang Missbrauch Einwanderung soziale Schulung Strafjustiz Dolmetscher
		Trauma Minderjährige Vormund unbegleitete Hausangestellte Betteln
		Lieferketten Sorgfaltspflicht Unternehmen Kontrolle Arbeitsinspektion
		Löhne Reisepass Dokumente Drohungen Gewalt Täuschung Verletzlichkeit
		Armut Konflikt Flüchtlinge Asyl Rückkehr Wiedereingliederung
		Entschädigung Aufenthaltstitel Bedenkzeit Erholung psychologische
		medizinische Versorgung Wohnung Bildung Beschäftigung Zusammenarbeit
		Koordinierung Netzwerk Zivilgesellschaft Hotline Bewertung Alter Beweise
		Zeugenaussage Zeuge Gericht Verfahren Strafe Täter Netzwerke organisierte
		Kriminalität Plattformen Anzeigen Verträge Überstunden Landwirtschaft
		Baugewerbe Fischerei Gastgewerbe Reinigung Pflege Bergbau Saisonarbeit
		Visa Aufenthaltsstatus Haft Grundsatz Pflichten Übereinkommen Protokoll
		Richtlinie Artikel Staaten Gesetzgebung Strategie Aktionsplan
		Überwachung Daten Statistik Forschung Prävention Sensibilisierung
		Gemeinschaften Schulen Familien Frauen Mädchen Männer Diskriminierung
		Vertraulichkeit Datenschutz zuständige Behörde Staatsanwälte Richter
		Anwälte Konsulate Botschaften internationale Partnerschaft Leitfaden
		Handbuch Modul Übung`,
	Headings: []string{"Einleitung", "Zweck und Geltungsbereich", "Begriffsbestimmungen",
		"Rechtsrahmen", "Identifizierung von Opfern", "Indikatoren der Ausbeutung",
		"Das erste Gespräch", "Verweisungsverfahren", "Sofortige Hilfe", "Sichere Unterbringung",
		"Kinder und Jugendliche", "Arbeit mit Dolmetschern", "Arbeitsinspektion",
		"Ermittlung und Strafverfolgung", "Entschädigung", "Rückkehr und Wiedereingliederung",
		"Datenschutz", "Fallbeispiele", "Anhang: Checklisten", "Glossar"},
	Titles: []string{"Handbuch zu %s", "Leitlinien für %s", "%s: ein Werkzeugkasten",
		"Praxisleitfaden: %s", "Schulungsmodul zu %s"},
	Topics: []string{"Identifizierung von Betroffenen des Menschenhandels", "Verweisungsmechanismen",
		"Arbeitsausbeutung", "Kinderhandel", "Opferunterstützung", "Zwangsarbeit in Lieferketten",
		"traumasensible Befragungen", "Strafverfolgung im Menschenhandel"},
}

// words splits a word list.
func words(s string) []string { return strings.Fields(s) }
