# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

EDUCATION_LEVELS = [
    ("general", "General or vocational"),
    ("secondary", "Specialised secondary"),
    ("higher", "Higher professional"),
]


class ClientSpecialistCategory(models.Model):
    """A qualification category of client specialists and its entry rules (clause 1.3)."""

    _name = "client_specialist.category"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Qualification Category"
    _order = "level, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical code, unique.")
    level = fields.Integer(
        required=True,
        default=0,
        help="Rank of the category: the next category of a specialist is the one with the "
        "smallest level above theirs.",
    )
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    education_level = fields.Selection(
        EDUCATION_LEVELS,
        string="Required Education",
        required=True,
        default="higher",
    )
    experience_basis = fields.Selection(
        [
            ("none", "No experience required"),
            ("higher_posts", "As a client specialist or in posts requiring higher education"),
            ("previous_category", "In the previous category"),
        ],
        required=True,
        default="none",
        help="Which experience counts towards the required months.",
    )
    experience_months = fields.Integer(string="Required Experience (months)")
    previous_category_id = fields.Many2one(
        "client_specialist.category",
        ondelete="restrict",
    )
    secondary_allowed = fields.Boolean(
        string="Specialised Secondary Path",
        help="Also open to specialists with specialised secondary education who have the "
        "experience below in posts requiring at least specialised secondary education.",
    )
    secondary_experience_months = fields.Integer(string="Experience with Secondary Education (months)")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    max_order_amount = fields.Monetary(
        string="Largest Order Amount",
        help="Orders above this untaxed amount need the head of sales' approval. 0 means no limit.",
    )
    max_discount = fields.Float(
        string="Largest Discount (%)",
        help="Order lines with a larger discount need the head of sales' approval.",
        default=100.0,
    )
    specialist_ids = fields.One2many("client_specialist.specialist", "category_id", string="Specialists")
    specialist_count = fields.Integer(compute="_compute_specialist_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a qualification category must be unique."),
        (
            "experience_months_positive",
            "CHECK(experience_months >= 0 AND secondary_experience_months >= 0)",
            "Required experience cannot be negative.",
        ),
        (
            "max_discount_range",
            "CHECK(max_discount >= 0 AND max_discount <= 100)",
            "The largest discount must be between 0 and 100 %.",
        ),
        ("max_order_amount_positive", "CHECK(max_order_amount >= 0)", "The largest order amount cannot be negative."),
    ]

    def _compute_specialist_count(self):
        counts = dict(
            self.env["client_specialist.specialist"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.specialist_count = counts.get(category, 0)

    @api.constrains("experience_basis", "previous_category_id", "level")
    def _check_previous_category(self):
        for category in self:
            if category.experience_basis != "previous_category":
                continue
            previous = category.previous_category_id
            if not previous:
                raise ValidationError(
                    _(
                        "Category %(category)s counts experience in the previous category: "
                        "set the Previous Category.",
                        category=category.name,
                    )
                )
            if previous.level >= category.level:
                raise ValidationError(
                    _(
                        "The previous category of %(category)s must have a lower level "
                        "(%(previous)s has level %(level)s).",
                        category=category.name,
                        previous=previous.name,
                        level=previous.level,
                    )
                )

    @api.constrains("secondary_allowed", "education_level")
    def _check_secondary_path(self):
        for category in self:
            if category.secondary_allowed and category.education_level != "higher":
                raise ValidationError(
                    _(
                        "Category %(category)s: the specialised secondary path only makes sense "
                        "when higher education is otherwise required.",
                        category=category.name,
                    )
                )
