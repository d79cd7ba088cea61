O = complete_symmetry(I, 9)
