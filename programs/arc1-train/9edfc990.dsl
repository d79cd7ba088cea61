O = flood_from_color(I, 1)
