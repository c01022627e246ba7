from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "执法文书"

    def ready(self) -> None:
        from django.core.signals import request_started

        from cases import registry
        from kernel.crypto import register_immutable_holder

        from . import actions, api, background, evidence, receivers, rules, selectors, snapshots

        receivers.connect()  # issues each step's document from its case event
        # Without a broker (make run), documents render in a background loop of the web process (background.py).
        request_started.connect(background.start_with_first_request, dispatch_uid="documents.render_loop")
        actions.register_actions()  # serve_document: the service of the case's other documents
        registry.add_guard("close", rules.documents_issued)  # the file is complete before it closes
        # 第五十九条第一款第五项: the decision names its remedy bodies, and so does a change of it (第七十五条第二款)
        for decision in ("decide", "decide_on_spot", "correct_decision"):
            registry.add_guard(decision, rules.remedy_bodies_named)
        # 行政处罚法 第四十条: no penalty proposed or decided on a file without evidence.
        for step in ("conclude_investigation", "revise_proposal", "decide"):
            registry.add_guard(step, evidence.evidence_gathered)
        registry.add_page_section(
            registry.PageSection(
                "documents",
                "documents/case_panel.html",
                lambda *, request, case, officer, bound, refusal: selectors.case_panel(
                    user=request.user, case=case, bound=bound, refusal=refusal
                ),
                "after_execution",
            )
        )
        registry.add_casefile_field("documents", api.case_documents)  # the case file's ``documents``
        # Issued snapshots are sealed once and never re-sealed: rotate_pii_key warns while old keys are still needed.
        register_immutable_holder("issued documents (documents_document.snapshot)", snapshots.key_ids_in_use)
