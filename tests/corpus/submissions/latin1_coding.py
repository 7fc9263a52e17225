# -*- coding: latin-1 -*-
# Réponses de la semaine 8
produit = "W × x"
dérivée = "exp(-z)/(1 + exp(-z))^2"
unite = "µs"
