-- A patron CRM for an arts centre: organisations, patrons, events, orders, tickets and
-- donations. Written by hand as the new system's schema; the legacy box-office export
-- it is fed from is written by patron-export.mjs.
CREATE TABLE organisation (
  id            bigint PRIMARY KEY,
  name          text NOT NULL,
  kind          text CHECK (kind IN ('charity', 'company', 'school')),
  town          text,
  country_code  text
);

CREATE TABLE patron (
  id               bigint PRIMARY KEY,
  title            text,
  first_name       text,
  last_name        text NOT NULL,
  email            text,
  phone            text,
  town             text,
  postcode         text,
  country          text,
  organisation_id  bigint REFERENCES organisation (id),
  joined_on        date,
  status           text CHECK (status IN ('active', 'lapsed', 'deceased'))
);

CREATE TABLE event (
  id          bigint PRIMARY KEY,
  title       text NOT NULL,
  venue       text,
  event_date  date,
  capacity    integer
);

CREATE TABLE ticket_order (
  id         bigint PRIMARY KEY,
  buyer_id   bigint NOT NULL REFERENCES patron (id),
  placed_on  date,
  total      numeric(10, 2),
  channel    text CHECK (channel IN ('web', 'box_office', 'phone'))
);

CREATE TABLE ticket (
  id          bigint PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES ticket_order (id),
  event_id    bigint NOT NULL REFERENCES event (id),
  seat        text,
  price       numeric(10, 2),
  holder_id   bigint REFERENCES patron (id)
);

CREATE TABLE donation (
  id         bigint PRIMARY KEY,
  donor_id   bigint NOT NULL REFERENCES patron (id),
  amount     numeric(10, 2) NOT NULL,
  given_on   date,
  fund       text,
  gift_aid   boolean
);
