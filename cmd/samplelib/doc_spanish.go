package main

import "time"

// spanishChildren is a Spanish guide on trauma-informed interviews of children.
func spanishChildren() *doc {
	return &doc{
		File:     "es/guia-entrevista-ninez-victima-trata-2016.pdf",
		Producer: chromium,
		Lang:     "es",
		Info: info{
			Title:    "Guía para la entrevista a niñas, niños y adolescentes víctimas de trata",
			Author:   "Red Latinoamericana de Protección de la Niñez",
			Subject:  "Entrevista con enfoque informado en el trauma",
			Keywords: "trata de personas, niñez, protección, entrevista, trauma, ESCNNA",
			Date:     date(2016, time.August, 29),
		},
		Header: "Guía para la entrevista a niñas, niños y adolescentes víctimas de trata",
		Footer: "Red Latinoamericana de Protección de la Niñez, 2016 — página",
		Pages: []page{
			pg(
				title("Guía para la entrevista a niñas, niños y adolescentes víctimas de trata"),
				subtitle("Un enfoque informado en el trauma para operadores de justicia, fiscalías y servicios de protección"),
				subtitle("Ciudad de Guatemala, agosto de 2016"),
				space(),
				p("Esta guía está dirigida a fiscales, policías, psicólogas, psicólogos y personal de los sistemas de protección de la niñez de México, Guatemala, El Salvador y Honduras. Su objetivo es que cada niña, niño o adolescente víctima de trata de personas sea escuchado una sola vez, en condiciones seguras, por personas preparadas para hacerlo."),
			),
			pg(
				h1("1. Principios"),
				ul("Interés superior del niño: toda decisión se toma pensando primero en lo que más conviene a la niña, niño o adolescente.",
					"No revictimización: se evitan las entrevistas repetidas, los careos y las preguntas que culpan.",
					"Participación: la persona menor de edad tiene derecho a ser escuchada y a que su opinión se tome en cuenta.",
					"Confidencialidad: la identidad y la imagen de la víctima se protegen en todo momento."),
				h1("2. Efectos del trauma"),
				p("El trauma afecta la memoria, la atención y la confianza. Es normal que una niña o un niño víctima de trata cuente los hechos de forma desordenada, olvide fechas o cambie detalles. Estas inconsistencias no significan que mienta; son una consecuencia esperada de la violencia vivida."),
			),
			pg(
				h1("3. La entrevista única"),
				p("Siempre que sea posible, la declaración se toma una sola vez, en una sala adaptada o cámara Gesell, con grabación en video, para que pueda utilizarse como prueba anticipada en el proceso penal sin volver a citar a la víctima."),
				ol("Preparación: la entrevistadora revisa el expediente y coordina con la fiscalía las preguntas necesarias.",
					"Encuadre: se explica a la niña o al niño quién está detrás del espejo y para qué sirve la grabación.",
					"Relato libre: se invita a contar lo sucedido con preguntas abiertas, sin interrumpir.",
					"Preguntas específicas: solo para aclarar, nunca sugestivas.",
					"Cierre: se agradece, se pregunta cómo se siente y se explica qué pasará después."),
				p("La entrevista no debe durar más de 45 minutos sin una pausa, y siempre debe haber una persona de confianza disponible."),
			),
			pg(
				h1("4. Explotación sexual comercial"),
				p("La explotación sexual comercial de niñas, niños y adolescentes (ESCNNA; en inglés, CSEC) es una de las formas de trata más frecuentes en la región. Las víctimas suelen ser captadas por personas conocidas, a través de redes sociales o con ofertas de empleo falsas."),
				ul("No se utiliza nunca la expresión «prostitución infantil»: se habla de explotación sexual.",
					"No se pregunta a la víctima por qué no pidió ayuda antes.",
					"Se coordina con salud para la atención médica y la anticoncepción de emergencia cuando corresponde."),
			),
			pg(
				h1("5. Medidas de protección después de la entrevista"),
				p("La protección no termina con la entrevista. La autoridad competente dicta medidas de protección inmediatas: acogimiento en un hogar de protección especializado, acompañamiento psicológico, reintegración escolar y, cuando es seguro, reunificación familiar."),
				p("Para niñas, niños y adolescentes extranjeros, se evalúa el retorno asistido con la autoridad central del país de origen y se garantiza que no regresen a una situación de riesgo."),
				note("Línea de atención de la Red: atencion@example.org. Esta dirección es ficticia y se utiliza solo como ejemplo."),
			),
		},
		Row: &row{
			ID:        "redlac-entrevista-ninez-2016",
			Title:     "Guía para la entrevista a niñas, niños y adolescentes víctimas de trata",
			Types:     "Guidance;Training",
			Regions:   "Latin America and the Caribbean",
			Countries: "Mexico;Guatemala;El Salvador;Honduras",
			Tags:      "child protection;trauma-informed interviews;CSEC;protección",
			Publisher: "Red Latinoamericana de Protección de la Niñez",
			Year:      "2016",
			Edition:   "",
			Language:  "es",
			Summary:   "Guía sobre la entrevista única con enfoque informado en el trauma, la cámara Gesell y las medidas de protección para niñas, niños y adolescentes víctimas de trata.",
			URL:       "https://www.example.org/redlac/guia-entrevista",
			Work:      "",
		},
		Special: "Spanish with accents and ñ",
		Facts: []fact{
			{2, "Interés superior del niño", "principle"},
			{3, "cámara Gesell", "single recorded interview"},
			{3, "no debe durar más de 45 minutos", "interview length"},
			{4, "ESCNNA", "Spanish acronym for CSEC; CSEC also on this page"},
			{5, "medidas de protección", "protección, after the interview"},
		},
	}
}
