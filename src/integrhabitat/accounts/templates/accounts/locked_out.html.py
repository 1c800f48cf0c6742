BBBBBBB BBBBBBBBBBBBBBBB BBBBB gettext(u'Too many attempts') BBBBBBBB
BBBBB BBBBBBB
XXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Too many attempts') XXXXX
XXX gettext(u'Signing in with this user failed too many times. Wait 15 minutes and try again, or ask your coordinator.') XXXXXXXXXXXXXX
BBBBBBBB
