//! The main window's pane arrangements for each role in the room (facilitator, note-taker, editor,
//! or everything at once), and maximising one pane with a key.

use egui_tiles::{Container, Tile, TileId, Tiles, Tree};

use super::{Action, Shell};
use crate::domain::Hazard;
use crate::shell::{Command, Pane};

pub use crate::shell::RoleLayout;

/// A role's arrangement of the panes, freshly laid out.
pub fn tree(layout: RoleLayout) -> Tree<Pane> {
    let mut tiles = Tiles::default();
    let root = match layout {
        RoleLayout::AllPanes => {
            let list = tiles.insert_pane(Pane::HazardList);
            let details = tiles.insert_pane(Pane::HazardDetails);
            let matrix = tiles.insert_pane(Pane::RiskMatrix);
            let minutes = tabs(
                &mut tiles,
                &[
                    Pane::Minutes,
                    Pane::Actions,
                    Pane::People,
                    Pane::Coverage,
                    Pane::Checks,
                ],
            );
            let left = tiles.insert_vertical_tile(vec![list, matrix]);
            let right = tiles.insert_vertical_tile(vec![details, minutes]);
            tiles.insert_horizontal_tile(vec![left, right])
        }
        RoleLayout::Room => {
            let list = tabs(
                &mut tiles,
                &[
                    Pane::HazardList,
                    Pane::HazardDetails,
                    Pane::Minutes,
                    Pane::Actions,
                    Pane::People,
                ],
            );
            let matrix = tabs(
                &mut tiles,
                &[Pane::RiskMatrix, Pane::Coverage, Pane::Checks],
            );
            let root = tiles.insert_horizontal_tile(vec![list, matrix]);
            set_shares(&mut tiles, root, &[(list, 1.0), (matrix, 1.0)]);
            root
        }
        RoleLayout::NoteTaker => {
            let minutes = tabs(&mut tiles, &[Pane::Minutes, Pane::Actions, Pane::People]);
            let list = tabs(&mut tiles, &[Pane::HazardList]);
            let details = tabs(
                &mut tiles,
                &[
                    Pane::HazardDetails,
                    Pane::RiskMatrix,
                    Pane::Coverage,
                    Pane::Checks,
                ],
            );
            let beside = tiles.insert_vertical_tile(vec![list, details]);
            let root = tiles.insert_horizontal_tile(vec![minutes, beside]);
            set_shares(&mut tiles, root, &[(minutes, 1.5), (beside, 1.0)]);
            root
        }
        RoleLayout::Editing => {
            let list = tabs(
                &mut tiles,
                &[
                    Pane::HazardList,
                    Pane::RiskMatrix,
                    Pane::Coverage,
                    Pane::Checks,
                ],
            );
            let editor = tabs(
                &mut tiles,
                &[
                    Pane::HazardDetails,
                    Pane::Minutes,
                    Pane::Actions,
                    Pane::People,
                ],
            );
            let root = tiles.insert_horizontal_tile(vec![list, editor]);
            set_shares(&mut tiles, root, &[(list, 1.0), (editor, 1.3)]);
            root
        }
    };
    Tree::new(egui::Id::unique("hazard-workshop-panes"), root, tiles)
}

/// The hazard under discussion, large enough to read from the back of the room.
pub fn room_banner_ui(ui: &mut egui::Ui, shell: &Shell<'_>, hazard: Option<&Hazard>) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 1.9;
    let Some(hazard) = hazard else {
        ui.label(egui::RichText::new("No hazard selected").size(size));
        return;
    };
    let matrix = &shell.project().matrix;
    ui.horizontal_wrapped(|ui| {
        for (stage, rating) in [
            ("Initial", hazard.initial_rating(matrix)),
            ("Residual", hazard.residual_rating(matrix)),
        ] {
            super::widgets::risk_chip_ui(ui, rating, stage);
        }
        let title = format!("{}  {}", hazard.display_id, hazard.name);
        ui.label(egui::RichText::new(title).size(size).strong());
    });
}

/// Says which pane fills the window, and how to bring the others back.
pub fn maximised_header_ui(ui: &mut egui::Ui, pane: Pane, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.strong(pane.title());
        let restore = format!(
            "Restore all panes ({})",
            Command::MaximisePane.shortcut_text(ui.ctx())
        );
        if ui.button(restore).clicked() {
            actions.push(Action::Command(Command::MaximisePane));
        }
    });
}

/// Panes as tabs, the first one shown.
fn tabs(tiles: &mut Tiles<Pane>, panes: &[Pane]) -> TileId {
    let children = panes.iter().map(|p| tiles.insert_pane(*p)).collect();
    tiles.insert_tab_tile(children)
}

fn set_shares(tiles: &mut Tiles<Pane>, linear: TileId, shares: &[(TileId, f32)]) {
    if let Some(Tile::Container(Container::Linear(linear))) = tiles.get_mut(linear) {
        for (child, share) in shares {
            linear.shares.set_share(*child, *share);
        }
    }
}

/// The pane a key press means: the one holding the keyboard focus, else the one under the
/// pointer, else the hazard list.
pub fn current_pane(ctx: &egui::Context, shown: &[(egui::Rect, Pane)]) -> Pane {
    let focused = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .map(|r| r.rect.center());
    let pointer = ctx.input(|i| i.pointer.latest_pos());
    [focused, pointer]
        .into_iter()
        .flatten()
        .find_map(|at| shown.iter().find(|(rect, _)| rect.contains(at)))
        .map_or(Pane::HazardList, |(_, pane)| *pane)
}

/// Makes `pane` the shown tab of its tab group, so it is on screen after a layout change.
pub fn show_pane(tree: &mut Tree<Pane>, pane: Pane) {
    let Some(tile) = tree
        .tiles
        .iter()
        .find(|(_, tile)| matches!(tile, Tile::Pane(p) if *p == pane))
        .map(|(id, _)| *id)
    else {
        return;
    };
    tree.make_active(|id, _| id == tile);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_holds_every_pane_once() {
        for layout in RoleLayout::ALL {
            let tree = tree(layout);
            for pane in Pane::ALL {
                let count = tree
                    .tiles
                    .iter()
                    .filter(|(_, t)| matches!(t, Tile::Pane(p) if *p == pane))
                    .count();
                assert_eq!(count, 1, "{layout:?} holds {pane:?} {count} times");
            }
        }
    }
}
