O = smear(I, DOWN)
