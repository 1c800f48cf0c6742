BBBB BBBB gettext(u'Your IntegrHabitat account') 
