O = recolor_foreground(I, 5)
