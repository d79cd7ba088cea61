x1 = multicolor_objects_except(I, 0)
x2 = most_cells_of(x1, 2)
O = crop_to_object(I, x2)
