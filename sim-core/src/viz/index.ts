// Filled floor by floor; see DESIGN.md.
export {};
