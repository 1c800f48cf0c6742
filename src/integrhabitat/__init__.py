"""IntegrHabitat: the platform of a network of social integration and habitat co-creation centers."""
