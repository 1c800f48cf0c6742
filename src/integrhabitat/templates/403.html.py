BBBBBBB BBBBBBBBBBBBBBBB BBBBB gettext(u'Not allowed') BBBBBBBB
BBBBB BBBBBBBXXXX gettext(u'Not allowed') XXXXXXXX gettext(u"Your role in this center does not allow this. Ask the center's coordinator if you need it.") XXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to start') XXXXXXXXBBBBBBBB
