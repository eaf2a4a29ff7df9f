from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class Species(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPECIES_UNSPECIFIED: _ClassVar[Species]
    SPECIES_DOG: _ClassVar[Species]
    SPECIES_CAT: _ClassVar[Species]
    SPECIES_RABBIT: _ClassVar[Species]
    SPECIES_BIRD: _ClassVar[Species]
    SPECIES_REPTILE: _ClassVar[Species]
    SPECIES_FISH: _ClassVar[Species]
    SPECIES_OTHER: _ClassVar[Species]
SPECIES_UNSPECIFIED: Species
SPECIES_DOG: Species
SPECIES_CAT: Species
SPECIES_RABBIT: Species
SPECIES_BIRD: Species
SPECIES_REPTILE: Species
SPECIES_FISH: Species
SPECIES_OTHER: Species
