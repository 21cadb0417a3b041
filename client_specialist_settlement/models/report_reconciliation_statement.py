# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportReconciliationStatement(models.AbstractModel):
    _name = "report.client_specialist_settlement.report_statement"
    _description = "Reconciliation Statement Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # The figures are read in SQL: the statement itself is what the user must be allowed to read.
        docs = self.env["client_specialist.reconciliation.statement"].browse(docids)
        docs.check_access("read")
        return {"doc_ids": docids, "doc_model": docs._name, "docs": docs, "data": data}
