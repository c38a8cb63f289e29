//! The "Your name in the history" window: the name the per-hazard history records changes
//! under, set once for this computer (blank uses the operating-system user's name).

/// What the user did in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserNameOutcome {
    /// Keep this name (blank: the operating-system user's).
    Save(String),
    Cancel,
}

/// Draws the window over the app; `draft` is the name as typed so far.
pub fn user_name_ui(
    ctx: &egui::Context,
    draft: &mut String,
    os_user: &str,
) -> Option<UserNameOutcome> {
    let mut outcome = None;
    let modal = egui::Modal::new(egui::Id::unique("user-name")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Your name in the history");
        ui.label(
            "Every change you make to a hazard is recorded with this name. It is kept on this \
             computer, not in the project file.",
        );
        ui.add_space(6.0);
        let hint = format!("Your name (blank: {os_user})");
        let field = super::widgets::text_field(
            ui,
            egui::TextEdit::singleline(draft)
                .hint_text(hint.as_str())
                .desired_width(f32::INFINITY),
            "Your name",
            false,
        );
        if !field.has_focus() && !field.lost_focus() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Save name").clicked() || entered {
                outcome = Some(UserNameOutcome::Save(draft.trim().to_owned()));
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(UserNameOutcome::Cancel);
            }
        });
    });
    if outcome.is_none() && modal.should_close() {
        outcome = Some(UserNameOutcome::Cancel);
    }
    outcome
}
