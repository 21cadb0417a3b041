/** @odoo-module **/
// A claim from the client's portal to its rating, in four tours started one after the other by
// client_specialist_feedback/tests/test_ui_feedback.py (the rating link needs the token made on
// resolving). Selectors are form field names, button names and notebook page names.
import { registry } from "@web/core/registry";

const SUBJECT = "Повреждённая упаковка при доставке";

// The client's portal user sends a claim from /my/feedback.
registry.category("web_tour.tours").add("client_specialist_feedback_portal_claim_tour", {
    steps: () => [
        {
            trigger: "a[href='/my/feedback/new']",
            run: "click",
        },
        {
            trigger: "form[action='/my/feedback/new'] select[name='type']",
            run: "select claim",
        },
        {
            trigger: "form[action='/my/feedback/new'] input[name='subject']",
            run: `edit ${SUBJECT}`,
        },
        {
            trigger: "form[action='/my/feedback/new'] textarea[name='description']",
            run: "edit Две паллеты из пяти пришли с порванной плёнкой.",
        },
        {
            trigger: "form[action='/my/feedback/new'] button[type='submit']",
            run: "click",
        },
        {
            content: "The claim's page, with its reference",
            trigger: `.card-header h4:contains('${SUBJECT}')`,
        },
    ],
});

// The client's specialist takes it up, answers and resolves it.
registry.category("web_tour.tours").add("client_specialist_feedback_resolve_tour", {
    steps: () => [
        {
            trigger: `.o_kanban_record:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_statusbar button[name='action_start']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_start']))",
        },
        {
            trigger: ".o_form_view .o_notebook_headers a[name='resolution']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='resolution'] .odoo-editor-editable",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='resolution'] .odoo-editor-editable",
            run: "editor Мы заменим две паллеты за свой счёт до пятницы.",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='corrective_action'] textarea",
            run: "edit Замена двух паллет.",
        },
        {
            trigger: ".o_form_view .o_form_statusbar button[name='action_resolve']",
            run: "click",
        },
        {
            content: "Resolved: it can be closed now",
            trigger: ".o_form_view .o_form_statusbar button[name='action_close']",
        },
    ],
});

// The client rates the answer from the link of the satisfaction request.
registry.category("web_tour.tours").add("client_specialist_feedback_rate_tour", {
    steps: () => [
        {
            trigger: "form textarea[name='feedback']",
            run: "edit Быстро и по делу, спасибо.",
        },
        {
            trigger: "form button[type='submit']",
            run: "click",
        },
        {
            content: "Thanked for the feedback",
            trigger: ".o_rating_page_submit, body:not(:has(form textarea[name='feedback']))",
        },
    ],
});

// The specialist sees the rating on the claim.
registry.category("web_tour.tours").add("client_specialist_feedback_rating_shown_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_notebook_headers a[name='rating']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='rating_last_value']:contains('5')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='rating_last_feedback']:contains('Быстро и по делу')",
        },
    ],
});
