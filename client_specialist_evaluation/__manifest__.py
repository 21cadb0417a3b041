# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Results and Evaluation",
    "summary": "Specialists' monthly results, evaluation by the head of sales, job descriptions with acknowledgement",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "client_specialist"
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/client_specialist_evaluation_rules.xml",
        "data/client_specialist_evaluation_data.xml",
        "data/client_specialist_job_description_data.xml",
        "data/ir_cron_data.xml",
        "report/client_specialist_job_description_report.xml",
        "views/client_specialist_evaluation_criterion_views.xml",
        "views/client_specialist_evaluation_views.xml",
        "views/client_specialist_job_description_views.xml",
        "views/client_specialist_result_views.xml",
        "views/menus.xml"
    ],
    "demo": [
        "demo/client_specialist_results_demo.xml"
    ]
}
