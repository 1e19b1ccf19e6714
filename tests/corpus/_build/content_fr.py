# French fixtures. All article text is invented for this corpus.
NB = "\u00a0"  # non-breaking space (French typography); rendered as &nbsp; in HTML, a plain space in expectations

RIVAGE = dict(name="Le Quotidien du Rivage", domain="www.quotidiendurivage.test", cdn="img.quotidiendurivage.test", tagline="L'actualité en continu")
PLAINES = dict(name="L'Écho des Plaines", domain="www.echodesplaines.test", cdn="static.echodesplaines.test", tagline="")
VEILLEUR = dict(name="Le Veilleur", domain="www.leveilleur.test", cdn="medias.leveilleur.test", tagline="Journal indépendant")
VALLEE = dict(name="Vallée Infos", domain="valleeinfos.test", cdn="valleeinfos.test", tagline="Toute l'info de la vallée")

FIXTURES = [
    dict(
        id="08", lang="fr", kind="html", shape="article-jsonld-afp-dateline", skin="article", site=RIVAGE,
        url="https://www.quotidiendurivage.test/international/2025/05/14/paris-dakar-cooperation-universitaire",
        headline="Paris et Dakar relancent leur coopération universitaire avec 2 000 bourses",
        section="International", category="Afrique", byline="Claire Dubois", byline_style="span",
        dateline="PARIS (AFP)", dash=" - ", published="2025-05-14T10:32:00+02:00",
        image=dict(url="https://img.quotidiendurivage.test/2025/05/14/universite-dakar-amphi.jpg",
                   caption="Des étudiants dans un amphithéâtre de l'université de Dakar, le 12 mai 2025.",
                   credit="Moussa Ndiaye/AFP"),
        body=[
            "La France et le Sénégal ont signé mercredi à Paris un accord qui prévoit 2 000 bourses d'études par an "
            "et la création de trois diplômes communs, une relance de la coopération universitaire entre les deux pays "
            "après plusieurs années de tensions.",
            "Le texte a été paraphé par la ministre française de l'Enseignement supérieur, Sylvie Martineau, et son "
            "homologue sénégalais, Abdoulaye Sarr, en marge d'un forum consacré à la recherche en Afrique de l'Ouest.",
            "« Nous voulons que les étudiants circulent dans les deux sens, et pas seulement du Sud vers le Nord », a "
            "déclaré Mme Martineau devant la presse.",
            ("h2", "Des diplômes communs dès 2026"),
            "Les trois diplômes communs porteront sur la santé publique, l'agronomie et l'informatique. Les premiers "
            "étudiants seront accueillis à la rentrée 2026, à Dakar comme à Montpellier et à Lille.",
            "Abdoulaye Sarr a salué « un accord d'égal à égal ». « Nos universités ont des choses à apprendre aux "
            "vôtres, et l'inverse est vrai aussi », a-t-il ajouté.",
            ("bq", "« La question des visas reste le principal obstacle pour nos étudiants. »"),
            "Cette mise en garde a été formulée par Fatou Diallo, présidente d'une association d'étudiants sénégalais "
            "en France, qui a réclamé des délais de traitement plus courts.",
            "Selon le ministère, le nombre d'étudiants sénégalais inscrits dans les universités françaises a baissé de "
            "12 % en cinq ans.",
        ],
        quotes=[("Nous voulons que les étudiants", "Sylvie Martineau"), ("un accord d'égal à égal", "Abdoulaye Sarr"),
                ("La question des visas", "Fatou Diallo")],
    ),
    dict(
        id="09", lang="fr", kind="html", shape="bem-article-text-initial-state-caption", skin="bem", site=PLAINES,
        caption_in="initialstate", state_id=552190, title_style="dash",
        url="https://www.echodesplaines.test/sciences/satellite-humidite-des-sols-lancement",
        headline="Un satellite franco-indien va mesurer l'humidité des sols depuis l'espace",
        section="Sciences", category="Espace", byline="Julien Perrot", byline_style="rel",
        dateline=None, published="2025-06-03T07:45:00+02:00",
        image=dict(url="https://static.echodesplaines.test/photos/2025/06/satellite-integration-toulouse.jpg",
                   caption="Le satellite lors des essais d'intégration dans une salle blanche de Toulouse.",
                   credit="Agence spatiale/M. Roux"),
        body=[
            "Un satellite conçu conjointement par les agences spatiales française et indienne doit être lancé la "
            "semaine prochaine pour cartographier l'humidité des sols agricoles avec une précision inédite.",
            "Baptisé Terravue, l'engin de 900 kilogrammes embarque un radar capable de distinguer des parcelles de "
            "cinquante mètres de côté, y compris à travers les nuages.",
            ("also", "Sécheresse : les nappes phréatiques au plus bas dans le Centre", "/environnement/nappes-phreatiques"),
            "« Pour un agriculteur, savoir si son champ a soif trois jours avant que les feuilles ne jaunissent, cela "
            "change tout », explique Nathalie Guérin, responsable scientifique de la mission à Toulouse.",
            ("h2", "Des données gratuites"),
            "Les mesures seront mises gratuitement à la disposition des chercheurs et des chambres d'agriculture, "
            "avec un délai de moins de six heures après leur acquisition.",
            ("ad",),
            "Côté indien, l'ingénieur en chef du projet, Arjun Mehta, insiste sur l'intérêt du satellite pour la "
            "prévision des moussons. « Nous pourrons voir où l'eau s'infiltre et où elle ruisselle », a-t-il indiqué.",
            "La mission doit durer au moins cinq ans. Son coût total est estimé à 310 millions d'euros, partagé à parts "
            "égales entre les deux pays.",
        ],
        quotes=[("Pour un agriculteur", "Nathalie Guérin"), ("Nous pourrons voir", "Arjun Mehta")],
        extra_boiler=["Sécheresse : les nappes phréatiques au plus bas dans le Centre"],
    ),
    dict(
        id="10", lang="fr", kind="html", shape="paywall-teaser-nbsp", skin="paywall", site=VEILLEUR,
        url="https://www.leveilleur.test/economie/article/2025/10/07/les-ventes-de-velos-electriques-reculent",
        headline="Les ventes de vélos électriques reculent pour la deuxième année consécutive",
        section="Économie", category="Consommation", byline="Marion Lefèvre", byline_style="span",
        dateline=None, published="2025-10-07T06:00:00+02:00",
        image=dict(url="https://medias.leveilleur.test/2025/10/07/magasin-velos-lyon.jpg",
                   caption="Dans un magasin de cycles du 7e arrondissement de Lyon, en septembre.",
                   credit="Bruno Caillet pour Le Veilleur"),
        body=[
            f"Après l'euphorie des années de pandémie, le marché du vélo à assistance électrique marque le pas{NB}: "
            "les ventes ont reculé de 9 % sur les huit premiers mois de l'année, selon les chiffres publiés mardi par "
            "la fédération des professionnels du cycle.",
            "Les magasins indépendants sont les plus touchés. Beaucoup avaient constitué des stocks importants en "
            "2022, au moment où les usines asiatiques peinaient à livrer.",
            f"«{NB}On a encore des modèles de l'an dernier en réserve, et on les brade pour faire de la place{NB}», "
            "reconnaît Karim Bensaïd, qui tient une boutique de cycles à Villeurbanne.",
            f"Pour la fédération, le recul n'a rien d'alarmant. «{NB}Le marché revient à un rythme normal après deux "
            f"années exceptionnelles{NB}», estime son délégué général, Olivier Marchal.",
        ],
        quotes=[("On a encore des modèles", "Karim Bensaïd"), ("Le marché revient à un rythme normal", "Olivier Marchal")],
        extra_boiler=["Il vous reste 58 % de cet article à lire"],
    ),
    dict(
        id="11", lang="fr", kind="html", shape="wp-entry-content-comments", skin="wp", site=VALLEE, jsonld=False,
        title_style="dash",
        url="https://valleeinfos.test/2025/04/22/marathon-de-la-vallee-nouveau-parcours/",
        headline="Le marathon de la Vallée change de parcours pour sa 30e édition",
        section="Sport", category=None, byline="Thierry Gaillard", byline_style="rel",
        dateline=None, published="2025-04-22T17:10:00+02:00",
        image=dict(url="https://valleeinfos.test/wp-content/uploads/2025/04/marathon-depart-2024-1024x683.jpg",
                   caption="Le départ de l'édition 2024, place de la Mairie.", credit="Vallée Infos"),
        body=[
            "Pour sa trentième édition, le 12 octobre prochain, le marathon de la Vallée empruntera un tracé "
            "entièrement nouveau, qui longera la rivière sur près de quinze kilomètres.",
            "Les organisateurs ont présenté le parcours lundi soir à la salle des fêtes, devant une centaine de "
            "bénévoles. Le départ et l'arrivée resteront fixés place de la Mairie.",
            "« L'ancien parcours passait par la zone industrielle, ce n'était pas très agréable pour les coureurs ni "
            "pour les spectateurs », a expliqué Sandrine Morel, présidente du comité d'organisation.",
            ("h2", "3 500 coureurs attendus"),
            "Les organisateurs tablent sur 3 500 participants, soit 500 de plus que l'an dernier. Les inscriptions "
            "ouvriront le 1er mai sur le site de l'association.",
            "Le maire, Gérard Blanchet, a promis que la circulation serait rétablie « avant 14 heures au plus tard » "
            "dans le centre-ville.",
            "Une course de 10 kilomètres et un relais en équipes de quatre seront également proposés le même jour.",
        ],
        quotes=[("L'ancien parcours passait", "Sandrine Morel"), ("avant 14 heures au plus tard", "Gérard Blanchet")],
    ),
    dict(
        id="12", lang="fr", kind="text", shape="breadcrumbs-photo-credit-glued-comment-form", site_rules=["infocontinu"],
        url=None, headline="Huit pays alpins s'engagent à mieux surveiller leurs glaciers",
        section="Monde", category="Europe", byline=None, dateline="GENÈVE (AFP)", dash=" - ",
        published="2025-03-12T14:05:00+01:00",
        image=dict(url=None, caption="Le glacier d'Aletsch, dans le canton du Valais, le 8 mars 2025.", credit="Lucas Meier/AFP"),
        pre="""Accueil   >   Monde  >  Europe

Publié le 12/03/2025 à 14h05 (heure de Paris)

Huit pays alpins s'engagent à mieux surveiller leurs glaciers

Le glacier d'Aletsch, dans le canton du Valais, le 8 mars 2025. (Photo: Lucas Meier/AFP)
""",
        body=[
            "Les huit pays de l'arc alpin ont signé mercredi à Genève une déclaration commune pour harmoniser la "
            "surveillance de leurs glaciers, qui ont perdu près d'un dixième de leur volume en trois ans.",
            "Le texte prévoit la création d'une base de données partagée et d'un réseau de 120 stations de mesure "
            "automatiques.¦Les premières devraient être installées dès cet été en Suisse et en Autriche.",
            "« Les glaciers ne connaissent pas les frontières, nos instruments de mesure non plus », a déclaré la "
            "conseillère fédérale suisse chargée de l'environnement, Anne-Laure Favre, hôte de la réunion.",
            "Les scientifiques réclamaient depuis longtemps une telle coordination.¦Jusqu'ici, chaque pays utilisait "
            "ses propres méthodes, ce qui rendait les comparaisons difficiles.",
            "« C'est un premier pas, mais il faudra des moyens », a réagi le glaciologue italien Marco Bellini, qui "
            "participait aux travaux préparatoires.",
        ],
        quotes=[("Les glaciers ne connaissent pas les frontières", "Anne-Laure Favre"), ("C'est un premier pas", "Marco Bellini")],
        post="""Lire aussi :
Canicule : les stations de ski face au manque de neige
Le Rhône à son plus bas niveau depuis vingt ans

Partager cet article

Commentaires

Votre commentaire

Nom

E-mail

Code de sécurité

Envoyer
""",
        boilerplate=["Publié le 12/03/2025", "Lire aussi", "Canicule : les stations de ski face au manque de neige",
                     "Votre commentaire", "Code de sécurité", "Envoyer", "(Photo: Lucas Meier/AFP)"],
    ),
    dict(
        id="13", lang="fr", kind="text", shape="no-headline-derived-byline-tags", site_rules=["infocontinu"],
        url=None, headline=None, expect_headline="Le coureur bordelais Théo Vasseur a remporté dimanche la Ronde des Landes, sa première victoire chez les professionnels",
        section="Sport", category="Cyclisme", byline="Hélène Marchand", dateline=None, published=None, image=None,
        pre="""Accueil  ›  Sport  ›  Cyclisme

Mis à jour le 02/06/2025 à 09h12
Par Hélène Marchand
""",
        body=[
            "Le coureur bordelais Théo Vasseur a remporté dimanche la Ronde des Landes, sa première victoire chez les "
            "professionnels. Âgé de 22 ans, il s'est imposé au sprint devant un petit groupe de cinq coureurs.",
            "Vasseur avait attaqué à trente kilomètres de l'arrivée, profitant d'une bordure provoquée par le vent "
            "dans la forêt.",
            "« J'ai vu que ça cassait derrière, je n'ai pas réfléchi. Je voulais juste ne pas avoir de regrets », a "
            "confié le vainqueur au micro des organisateurs.",
            "Son directeur sportif, Patrick Lemoine, a salué « un coureur qui court avec la tête autant qu'avec les "
            "jambes ». La formation bordelaise n'avait plus gagné depuis deux saisons.",
            "Vasseur disputera le mois prochain son premier grand tour, en Italie.",
        ],
        quotes=[("J'ai vu que ça cassait derrière", "Théo Vasseur"), ("un coureur qui court avec la tête", "Patrick Lemoine")],
        post="""Mots-clés : cyclisme, Ronde des Landes, Théo Vasseur

Lire aussi :
Tour de France : le parcours 2026 dévoilé en octobre

Commentaires (3)
Votre commentaire
""",
        boilerplate=["Mis à jour le 02/06/2025", "Mots-clés", "Tour de France : le parcours 2026 dévoilé en octobre",
                     "Commentaires (3)", "Votre commentaire"],
    ),
]
