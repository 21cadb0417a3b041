/** @odoo-module **/
// The main paths of a contract, started by client_specialist_contract/tests/test_ui_contract.py,
// which builds the data and checks the records afterwards. Selectors are field names, button
// names and notebook page names, not labels, so that wordings may change.
import { registry } from "@web/core/registry";

const ORDER_LINES = "div[name='order_line']";
const CLAUSES = "div[name='cs_disagreement_ids']";

function save() {
    return [
        { trigger: ".o_form_view .o_form_button_save", run: "click" },
        { content: "saved", trigger: ".o_form_view .o_form_saved" },
    ];
}

// A specialist without category: a prospect with its channel, a need, a quotation from it with
// a disagreement; confirmation is refused until the clause is agreed, then the order, beyond
// their authority, waits for the head of sales.
registry.category("web_tour.tours").add("client_specialist_contract_specialist_tour", {
    steps: () => [
        {
            content: "A new prospect in the portfolio",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            // A textarea in Odoo's partner form, an input with partner_autocomplete.
            trigger: ".o_form_view .o_field_widget[name='name'] :is(input, textarea)",
            run: "edit ООО «Новый горизонт»",
        },
        {
            content: "The channel it came by",
            trigger: ".o_form_view .o_notebook_headers a[name='client_relations']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='cs_medium_id'] input",
            run: "edit Exhibition",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Exhibition')",
            run: "click",
        },
        ...save(),
        {
            content: "Its needs",
            trigger: ".o_form_view button[name='action_cs_view_needs']",
            run: "click",
        },
        {
            trigger: ".o_control_panel :is(.o_list_button_add, .o-kanban-button-new)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Упаковка для новой линии розлива",
        },
        {
            content: "The need is the new prospect's",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input:value(/Новый горизонт/)",
        },
        ...save(),
        {
            content: "A quotation answering the need",
            trigger: ".o_form_view button[name='action_new_quotation']",
            run: "click",
        },
        {
            trigger: `.o_form_view ${ORDER_LINES} .o_field_x2many_list_row_add a:eq(0)`,
            run: "click",
        },
        {
            trigger: `${ORDER_LINES} .o_data_row div[name='product_template_id'] input`,
            run: "edit Плёнка",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Плёнка упаковочная')",
            run: "click",
        },
        {
            content: "A quantity beyond the specialist's largest order amount",
            trigger: `${ORDER_LINES} .o_data_row div[name='product_uom_qty'] input`,
            run: "edit 100",
        },
        // Saved before the next page: a line left in edition breaks the switch of notebook pages.
        ...save(),
        {
            content: "The client disagrees on a clause",
            trigger: ".o_form_view .o_notebook_headers a[name='cs_disagreements']",
            run: "click",
        },
        {
            trigger: `.o_form_view ${CLAUSES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `${CLAUSES} .o_data_row div[name='clause'] input`,
            run: "edit 4.2. Payment terms",
        },
        {
            trigger: `${CLAUSES} .o_data_row div[name='client_wording'] textarea`,
            run: "edit Payment within 60 days of delivery.",
        },
        ...save(),
        {
            content: "Confirmation is refused while the clause is open",
            trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".modal .o_error_dialog:contains('4.2. Payment terms')",
        },
        {
            trigger: ".modal .o-default-button",
            run: "click",
        },
        {
            content: "The parties agree on a wording",
            trigger: `.o_form_view:not(:has(.modal)) ${CLAUSES} .o_data_row td[name='agreed_wording']`,
            run: "click",
        },
        {
            trigger: `${CLAUSES} .o_data_row div[name='agreed_wording'] textarea`,
            run: "edit Payment within 45 days of delivery.",
        },
        {
            trigger: `${CLAUSES} .o_data_row button[name='action_agree']`,
            run: "click",
        },
        {
            content: "The clause is settled",
            trigger: `${CLAUSES} .o_data_row:not(:has(button[name='action_agree']))`,
        },
        {
            content: "Confirm: beyond the specialist's authority",
            trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order waits for the head of sales, with the reason",
            trigger: ".o_form_view .alert-warning:visible .o_field_widget[name='cs_approval_reasons']:not(:empty)",
        },
        {
            content: "and is still a quotation",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='draft']",
        },
    ],
});

// The head of sales approves an order waiting in Orders to Approve; its obligations appear on
// the order and on the client.
registry.category("web_tour.tours").add("client_specialist_contract_head_tour", {
    steps: () => [
        {
            content: "The order waiting for approval",
            trigger: ".o_list_view .o_data_row:contains('Балтийский ветер') td[name='partner_id']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_statusbar button[name='action_cs_approve']",
            run: "click",
        },
        {
            content: "Approved and confirmed: the obligations are on the order",
            trigger: ".o_form_view button[name='action_cs_view_obligations']",
        },
        {
            content: "and on the client",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] a",
            run: "click",
        },
        {
            content: "The client's form (it has the needs button) with its obligations",
            trigger: ".o_form_view:has(button[name='action_cs_view_needs']) button[name='action_cs_view_obligations']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
