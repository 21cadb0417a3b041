# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ClientSpecialistExperience(models.Model):
    """A post the specialist held, counted towards the entry rules of the categories."""

    _name = "client_specialist.experience"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Work Experience of a Client Specialist"
    _order = "date_start desc, id desc"

    specialist_id = fields.Many2one("client_specialist.specialist", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="specialist_id.company_id", store=True, index=True)
    post = fields.Char(required=True)
    employer = fields.Char()
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", help="Leave empty while the post is held.")
    post_education_level = fields.Selection(
        [
            ("general", "No particular education"),
            ("secondary", "Specialised secondary"),
            ("higher", "Higher professional"),
        ],
        string="Post Requires",
        required=True,
        default="higher",
        help="The education that people in this post are required to have.",
    )
    is_client_specialist_post = fields.Boolean(string="Client Specialist Post")
    category_id = fields.Many2one(
        "client_specialist.category",
        string="Category Held",
        ondelete="restrict",
        help="For client specialist posts: the qualification category held in this post.",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A post cannot end before it starts.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.date_start > today:
                raise ValidationError(_("Experience in post %(post)s cannot start in the future.", post=line.post))
            if line.date_end and line.date_end < line.date_start:
                raise ValidationError(_("Post %(post)s cannot end before it starts.", post=line.post))

    @api.constrains("category_id", "is_client_specialist_post")
    def _check_category(self):
        for line in self:
            if line.category_id and not line.is_client_specialist_post:
                raise ValidationError(
                    _(
                        "Post %(post)s: a category is held only in a client specialist post.",
                        post=line.post,
                    )
                )
