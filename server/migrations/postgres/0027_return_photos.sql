-- Pictures a customer sends with a return (a scratch, a wrong colour): uploaded for one of
-- their orders first, then named by the return that shows them. Stored like the media
-- library's, under content-derived names; kept apart from it (staff's library lists what
-- the shop made).
CREATE TABLE order_photos (
    order_id    BIGINT NOT NULL REFERENCES orders (id),
    key         TEXT NOT NULL,
    width       BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (order_id, key)
);

CREATE TABLE return_photos (
    return_id  BIGINT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    key        TEXT NOT NULL,
    width      BIGINT NOT NULL,
    PRIMARY KEY (return_id, position)
);

-- the units of an order line in its returns are summed per line
CREATE INDEX return_lines_order_line ON return_lines (order_line_id);
