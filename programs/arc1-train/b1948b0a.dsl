O = replace_color(I, 6, 2)
