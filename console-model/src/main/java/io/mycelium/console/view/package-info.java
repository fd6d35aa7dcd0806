/**
 * What a console shows and how one moves between views: the views, the route stack (enter drills
 * down, esc goes back), and the tables every view is drawn from (columns, rows, filter, sort,
 * selection, and only the visible window of rows).
 */
package io.mycelium.console.view;
