O = replace_color(I, 7, 5)
