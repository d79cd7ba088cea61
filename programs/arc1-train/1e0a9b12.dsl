O = gravity(I, DOWN)
