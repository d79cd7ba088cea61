x1 = multicolor_objects_4(I)
x2 = most_cells_of(x1, 1)
O = crop_to_object(I, x2)
