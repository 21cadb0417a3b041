# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.addons.client_specialist.tests.common_pdf import closed_local_url, needs_pdf_tools, pdf_text, print_pdf
from odoo.tests import TransactionCase, new_test_user, tagged

REPORT = "client_specialist_evaluation.action_report_job_description"


@needs_pdf_tools
@tagged("post_install", "-at_install")
class TestJobDescriptionPdf(TransactionCase):
    """The job description and its acknowledgement sheet as wkhtmltopdf prints them.

    How it prints and reads PDFs: client_specialist/tests/common_pdf.py.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("report.url", closed_local_url())
        category = cls.env.ref("client_specialist.category_second")
        head = new_test_user(
            cls.env, login="pdf_head", name="Наталья Орлова", groups="client_specialist.group_client_specialist_head"
        )
        users = [
            new_test_user(cls.env, login=login, name=name, groups="client_specialist.group_client_specialist")
            for login, name in (("pdf_spec_a", "Анна Кузнецова"), ("pdf_spec_b", "Павел Смирнов"))
        ]
        specialists = cls.env["client_specialist.specialist"].create(
            [{"user_id": user.id, "head_id": head.id} for user in users]
        )
        cls.env["client_specialist.appointment"].create(
            [
                {
                    "specialist_id": specialist.id,
                    "category_id": category.id,
                    "date": "2025-01-15",
                    "order_number": f"{n}-к",
                    "order_date": "2025-01-14",
                }
                for n, specialist in enumerate(specialists, start=10)
            ]
        )
        JobDescription = cls.env["client_specialist.job.description"]
        cls.description = JobDescription.with_user(head).create(
            {
                "name": "Client relations specialist, category II",
                "category_id": category.id,
                "general_provisions": "<p>The specialist reports to the head of sales.</p>",
                "requirements": "<p>Higher education and two years of experience.</p>",
                "duties": "<ol><li>Finds and keeps clients.</li></ol>",
                "rights": "<p>Asks the departments for what the clients need.</p>",
                "relationships": "<p>Works with the warehouse and accounting.</p>",
                "evaluation_responsibility": "<p>Answers for the portfolio entrusted.</p>",
            }
        )
        cls.description.with_user(head).action_approve(
            approver_name="P. S. Kozlov", approval_date="2026-03-02", approver_title="General Director"
        )
        cls.description.with_user(users[0]).action_acknowledge()
        acknowledged = cls.description.acknowledgement_ids.filtered(lambda a: a.user_id == users[0])
        acknowledged.sudo().write({"date": "2026-03-05 10:00:00"})

    def _print(self, lang="en_US"):
        return pdf_text(print_pdf(self, REPORT, self.description, lang=lang))

    def test_job_description_with_its_acknowledgement_sheet(self):
        text = self._print()
        self.assertIn("APPROVED General Director _______________ P. S. Kozlov 03/02/2026", text)
        self.assertIn("Client relations specialist, category II", text)
        self.assertIn(f"Specialist, category II · version {self.description.version}", text)
        for heading, body in (
            ("1. General Provisions", "The specialist reports to the head of sales."),
            ("Qualification Requirements", "Higher education and two years of experience."),
            ("2. Duties", "1. Finds and keeps clients."),
            ("3. Rights", "Asks the departments for what the clients need."),
            ("4. Relationships", "Works with the warehouse and accounting."),
            ("5. Evaluation and Responsibility", "Answers for the portfolio entrusted."),
        ):
            self.assertIn(f"{heading} {body}", text)
        sheet = text[text.index("Acknowledgement Sheet") :]
        self.assertIn("No. Full Name Category Date Signature", sheet)
        self.assertIn("Анна Кузнецова Specialist, category II 03/05/2026", sheet)
        self.assertIn("Павел Смирнов Specialist, category II", sheet)
        self.assertNotIn("Павел Смирнов Specialist, category II 0", sheet, "not acknowledged: no date")

    def test_printed_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "web", "client_specialist", "client_specialist_evaluation"], ["ru_RU"]
        )
        text = self._print("ru_RU")
        self.assertIn("УТВЕРЖДАЮ", text)
        self.assertIn("1. Общие положения", text)
        self.assertIn("Лист ознакомления", text)
        self.assertIn("Анна Кузнецова", text)
        self.assertIn("05.03.2026", text)
