BBBBBBB BBBBBBBBBBBBBBBB BBBBB gettext(u'Not found') BBBBBBBB
BBBBB BBBBBBBXXXX gettext(u'Not found') XXXXXXXX gettext(u'This page does not exist, or it is not part of your center.') XXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to start') XXXXXXXXBBBBBBBB
