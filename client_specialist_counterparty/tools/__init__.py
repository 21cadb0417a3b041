from . import dadata
from . import requisites
