// A stylesheet imported by a component: jsdom lays nothing out, so there is nothing to load.
export {}
