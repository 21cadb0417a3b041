/** @odoo-module **/
// The head of sales appoints a specialist to category II from the card, by an order.
// Started by client_specialist/tests/test_ui_tours.py, which builds the data and checks the result.
// Selectors are field names and button names, not labels, so that wordings may change.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("client_specialist_appointment_tour", {
    steps: () => [
        {
            content: "Open the card of the specialist without category",
            trigger: ".o_kanban_record:contains('Максим Егоров')",
            run: "click",
        },
        {
            content: "Appoint to a category",
            trigger: ".o_form_view button[name='action_open_appointment_wizard']",
            run: "click",
        },
        {
            content: "Choose category II",
            trigger: ".modal .o_field_widget[name='category_id'] input",
            run: "edit category II",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('category II')",
            run: "click",
        },
        {
            content: "The rules are met: no reason is asked",
            trigger: ".modal:not(:has(.o_field_widget[name='override_reason']))",
        },
        {
            content: "The order number",
            trigger: ".modal .o_field_widget[name='order_number'] input",
            run: "edit 23-к",
        },
        {
            trigger: ".modal button[name='action_appoint']",
            run: "click",
        },
        {
            content: "The card shows the new category",
            trigger: ".o_form_view:not(:has(.modal)) .o_field_widget[name='category_id']:contains('category II')",
        },
        {
            content: "and the appointment in its history",
            trigger: ".o_form_view .o_notebook_headers a[name='appointments']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='appointment_ids'] .o_data_row:contains('23-к')",
        },
    ],
});
