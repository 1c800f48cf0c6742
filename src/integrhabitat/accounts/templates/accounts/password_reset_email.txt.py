BBBB BBBBBBBBBBBBBB BBB gettext(u'Someone asked to reset the password of your IntegrHabitat account (%(username)s).') SSSSSSS SSSSS SS SSSSS SSS SSSSSSSS SS SSSS SSSSSSSSSSSSS SSSSSSS SSSSSSSSSSSSSSS

 gettext(u'Choose a new password here:') 
XXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBB

 gettext(u'If it was not you, ignore this message.') 
BBBBBBBBBBBBB
