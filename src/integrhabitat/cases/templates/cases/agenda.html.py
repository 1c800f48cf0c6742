BBBBBBB BBBBBBBBBBBBBBBB BBBBB gettext(u'My agenda') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'My agenda') XXXXX
 _("Overdue") 
 _("Today") 
 _("Coming up") 
BB BBB BBBBBBB BBB BBB BBBBBBBBB BBB BBB BBBBBBBBXXX gettext(u'No follow-ups pending.') XXXXBBBBB
BBBBBBBB
