# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import Command, _, api, models
from odoo.exceptions import ValidationError

# PostgreSQL's integer, the column of Integer fields and of ids.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
X2MANY_COMMANDS = tuple(Command)  # Odoo's x2many command codes, 0 to 6


class ClientSpecialistInputMixin(models.AbstractModel):
    """Readable refusals of wrong input, for the addon's own models (inherited by name).

    A wrong type over RPC gets a ValidationError naming the field instead of a server error. The
    models' own create and write overrides that read the values before Odoo does call
    _cs_check_values first: they run before these.
    """

    _name = "client_specialist.input.mixin"
    _description = "Client Relations: Input Checks"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cs_check_values(vals)
        records = super().create(vals_list)
        records._cs_check_required_relations()
        return records

    def write(self, vals):
        self._cs_check_values(vals)
        result = super().write(vals)
        self._cs_check_required_relations(vals)
        return result

    @api.model
    def _cs_check_values(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(_("%(model)s has no field %(field)s.", model=self._description, field=name))
            if value is False or value is None:
                continue
            try:
                self._cs_check_value(field, value)
            except (ValueError, TypeError, OverflowError) as error:
                raise ValidationError(
                    _(
                        "%(model)s: %(value)r is not a valid value for %(field)s.",
                        model=self._description,
                        value=value,
                        field=field._description_string(self.env),
                    )
                ) from error
            if field.type == "integer" and not INT_MIN <= int(value) <= INT_MAX:
                raise ValidationError(
                    _(
                        "%(model)s: %(value)s is out of range for %(field)s, a whole number from %(min)s to %(max)s.",
                        model=self._description,
                        value=value,
                        field=field._description_string(self.env),
                        min=INT_MIN,
                        max=INT_MAX,
                    )
                )

    @api.model
    def _cs_check_value(self, field, value):
        """Raise ValueError or TypeError when ``value`` (not empty) does not fit ``field``."""
        kind = field.type
        if kind == "many2one":
            if not isinstance(value, models.BaseModel) and not _is_id(value):
                raise ValueError(value)
            return
        if kind in ("one2many", "many2many"):
            _check_commands(value)
            return
        if kind in ("integer", "float", "monetary"):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(value)
        elif kind in ("char", "text", "html"):
            if not isinstance(value, str):
                raise TypeError(value)
        elif kind == "boolean":
            if not isinstance(value, int):  # bool is an int
                raise TypeError(value)
        field.convert_to_cache(value, self.browse())

    def _cs_check_required_relations(self, vals=None):
        """Odoo leaves required one2many and many2many fields to the views: refuse them empty here."""
        for name, field in self._fields.items():
            if field.type not in ("one2many", "many2many") or not field.required or (vals and name not in vals):
                continue
            for record in self:
                if not record[name]:
                    raise ValidationError(
                        _(
                            "%(model)s: %(field)s is required.",
                            model=self._description,
                            field=field._description_string(self.env),
                        )
                    )


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX


def _check_commands(value):
    """Raise ValueError unless ``value`` is a recordset or a list of x2many commands or ids."""
    if isinstance(value, models.BaseModel):
        return
    if not isinstance(value, list | tuple):
        raise ValueError(value)
    for command in value:
        if _is_id(command):  # a bare id, as in [(6, 0, ids)]
            continue
        if not isinstance(command, list | tuple) or not command or command[0] not in X2MANY_COMMANDS:
            raise ValueError(command)
        code = command[0]
        if code in (0, 1):  # create, update: (code, id, values)
            if len(command) != 3 or not isinstance(command[2], dict) or (code == 1 and not _is_id(command[1])):
                raise ValueError(command)
        elif code in (2, 3, 4):  # delete, unlink, link: (code, id)
            if len(command) < 2 or not _is_id(command[1]):
                raise ValueError(command)
        elif code == 6:  # set: (6, _, ids)
            if len(command) != 3 or not isinstance(command[2], list | tuple) or not all(map(_is_id, command[2])):
                raise ValueError(command)
