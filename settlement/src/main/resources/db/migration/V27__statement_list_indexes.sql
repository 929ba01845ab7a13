-- Finance's statement list (issue 19) at 10,000 canteens: a month's statements by month first (the unique key is
-- canteen first), and the correction lines of a month found by their meal date (links between an original
-- statement and the later one that carries its corrections).
create index statement_month_idx on statement (month, canteen_id);
create index statement_line_adjustment_date_idx on statement_line (meal_date) where kind = 'ADJUSTMENT';
