O = draw_frame(I, 8)
