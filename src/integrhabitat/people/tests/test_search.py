def test_it_works(world):
    assert world.person_a.code
