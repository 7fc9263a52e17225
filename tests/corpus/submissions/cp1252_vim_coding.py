# vim: set fileencoding=cp1252 :
quote = "“gradient” – descent"
euro = "€ 5"
