package search

import "strings"

// Vocabulary of the generated benchmark library, most frequent first within
// each list. Entries with spaces are emitted as a run of words (phrases of
// the field), so phrase queries find them.

var benchStop = strings.Fields(`the of and to in a for is that be on with as by are or this
	it should from at not an which have their has may can will they was all other been
	any these such if where also who when its more there must than were would those into`)

var benchDomain = splitLines(`trafficking
victim
victims
human trafficking
modern slavery
referral
national referral mechanism
forced labour
labour exploitation
sexual exploitation
exploitation
child
children
protection
child protection
support
identification
indicators
first responder
duty to notify
reasonable grounds
conclusive grounds
competent authority
police
prosecutor
prosecution
investigation
labour inspector
labour inspection
recruitment
recruitment fees
debt bondage
domestic servitude
forced marriage
criminal exploitation
county lines
cannabis cultivation
organ removal
forced begging
supply chain
due diligence
grievance mechanism
remediation
survivor
survivors
shelter
safe house
accommodation
interview
trauma informed
interpreter
consent
guardian
independent child trafficking guardian
asylum
migrant
migrants
smuggling
irregular migration
border
document retention
identity documents
passport
non-punishment
non-punishment principle
reflection period
recovery period
residence permit
compensation
legal aid
data protection
personal data
confidentiality
risk assessment
safeguarding
local authority
social worker
health
mental health
medical
psychological support
reintegration
return
repatriation
coordination
multi-agency
cooperation
partnership
civil society
non-governmental organisation
ngo
hotline
helpline
awareness raising
training
capacity building
standard operating procedures
case management
monitoring
evaluation
rapporteur
national coordinator
action plan
legislation
criminal code
palermo protocol
convention
council of europe
european union
greta
unodc
iom
ilo
osce
odihr
unicef
thb
nrm
csec
tip
financial investigation
money laundering
suspicious transaction
bank
employer
employment agency
workers
wages
withheld wages
overtime
working conditions
isolation
threats
violence
coercion
deception
abuse of vulnerability
control
movement
transport
harbouring
receipt
exploiter
trafficker
traffickers
offender
organised crime
gang
online exploitation
internet
social media
sexual abuse
prostitution
brothel
massage parlour
nail bar
car wash
agriculture
construction
fishing
seafood
garment
factory
domestic work
hospitality
care sector
brick kiln
mining
plantation
gender
women
girls
boys
unaccompanied minors
age assessment
best interests of the child
family tracing
foster care
education
school
vulnerability
indicator checklist
screening
referral pathway
first contact
frontline
practitioner
practitioners
handbook
guidance
toolkit
manual
good practice
lessons learned
case study
evidence
statistics
data collection
research
report
recommendations
policy
strategy
government
ministry
home office
labour ministry
embassy
consulate
visa
work permit
sponsorship
kafala
immigration
detention
deportation
rights
human rights
victim rights
access to justice
court
trial
testimony
witness
witness protection
restitution
sentencing
penalties
confiscation
assets
corruption
public officials
inspection
audit
certification
ethical recruitment
employer pays principle
forced labour indicators
eleven indicators
risk indicators
red flags
hotspot
region
province
district
community
outreach
peer support
counselling
housing
benefits
subsistence
caseworker
advocate
lawyer
judge
magistrate
prosecutor general`)

var benchEnglish = strings.Fields(`people person time year work day way case part place
	number group information service services system process level area order point
	need needs make made take given provide provided ensure including use used based
	new first last long good high important possible specific relevant appropriate
	clear early further different available necessary particular public national local
	international specialist formal informal initial final full main key general common
	staff team member members organisation organisations agency agencies office officer
	officers authority authorities body bodies partner partners role roles responsibility
	responsibilities action actions measure measures step steps approach approaches
	framework standard standards procedure procedures practice practices principle
	principles requirement requirements question questions answer answers issue issues
	problem problems need needs concern concerns situation situations circumstances
	context example examples form forms section sections chapter annex table figure
	page list guide note notes record records file files contact contacts details
	decision decisions review reviews assessment assessments plan plans planning
	outcome outcomes result results impact effect effects access request requests
	meeting meetings visit visits call calls letter letters email phone telephone
	address name names date dates period periods hours days weeks months years
	age country countries city cities area areas region regions place places home
	family families parent parents mother father friend friends relative relatives
	child young adult adults older man men woman language languages english french
	spanish russian arabic translation understand understanding explain explained
	ask asked tell told say said speak spoke listen listened talk discuss discussed
	consider considered identify identified refer referred report reported record
	recorded share shared inform informed notify notified contact contacted support
	supported help helped protect protected assist assisted respond responded
	manage managed coordinate coordinated monitor monitored review reviewed assess
	assessed decide decided agree agreed follow followed apply applied meet met
	receive received send sent keep kept hold held leave left stay stayed move moved
	travel travelled arrive arrived return returned pay paid owe owed earn earned
	lose lost find found seek sought offer offered accept accepted refuse refused
	fear afraid safe safety secure security risk risks harm harmful danger dangerous
	trust trusted able unable likely unlikely often sometimes always never usually
	however therefore although because while whether without within between among
	across through during before after until since following according regarding
	concerning including excluding despite toward towards about above below under
	over again already still only even just well also very much many most some few
	several each every both either neither own same other another such further
	additional relevant suitable sufficient adequate effective efficient timely
	immediate urgent routine regular ongoing temporary permanent previous current
	future recent present past potential actual possible probable apparent obvious
	physical emotional financial economic social legal criminal civil administrative
	medical psychological practical technical operational strategic political
	cultural religious ethnic minority majority private personal sensitive confidential
	written verbal oral electronic online offline digital paper copy copies version
	update updated change changed changes improve improved improvement development
	develop developed implementation implement implemented establish established
	create created set setting build building strengthen strengthened promote
	promoted prevent prevented prevention reduce reduced increase increased address
	addressed tackle tackled combat combating challenge challenges barrier barriers
	gap gaps opportunity opportunities resource resources funding budget cost costs
	capacity capability skills knowledge experience expertise awareness attention
	interest interests benefit need view views opinion opinions account accounts
	story stories experience experiences behaviour behaviours sign signs signal
	pattern patterns trend trends change factor factors cause causes reason reasons
	purpose purposes aim aims objective objectives goal goals target targets`)

// benchForeign are small vocabularies of the other languages generated.
var benchForeign = map[string][]string{
	"fr": strings.Fields(`le la les de des du et en un une pour dans est que qui sur par au aux avec
		traite êtres humains victime victimes exploitation travail forcé protection enfant enfants
		identification orientation mécanisme national assistance hébergement soutien police
		procureur enquête recrutement servitude dettes inspection travail inspecteur droits
		période réflexion permis séjour indemnisation coopération partenaires société civile
		organisation formation sensibilisation indicateurs entretien consentement tuteur asile
		migrant frontière documents identité rapport recommandations politique stratégie plan`),
	"es": strings.Fields(`el la los las de del y en un una para por con que es se al
		trata personas víctima víctimas explotación trabajo forzoso protección niño niños niña
		identificación derivación mecanismo nacional asistencia albergue apoyo policía fiscal
		investigación reclutamiento servidumbre deudas inspección derechos interés superior
		entrevista cámara gesell consentimiento tutor asilo migrante frontera documentos
		informe recomendaciones política estrategia plan medidas cooperación sociedad civil`),
	"ru": strings.Fields(`и в на с по не для что как из от к о это при или а
		торговля людьми жертва жертвы эксплуатация принудительный труд защита ребенок дети
		выявление перенаправление механизм национальный помощь приют поддержка полиция
		прокурор расследование вербовка долговая кабала инспекция права координатор
		горячая линия принцип ненаказания сотрудничество гражданское общество организация
		обучение показатели интервью согласие опекун убежище мигрант граница документы`),
}

// benchTail makes n pseudo-words (names of places, people, projects): the
// long tail of rare terms.
func benchTail(n int) []string {
	syl := strings.Fields(`ka ri to ma ne sa lo vi du be ha mi ko ra te ni pa zu go le
		an or el us in am ol ur en ar ba ce di fo gu ja ky ly mo nu`)
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		a, b, c := syl[i%len(syl)], syl[(i/len(syl))%len(syl)], syl[(i*7+3)%len(syl)]
		w := a + b
		if i%3 != 0 {
			w += c
		}
		out = append(out, w)
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
