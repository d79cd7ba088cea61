O = gravity_color(I, 2, UP)
