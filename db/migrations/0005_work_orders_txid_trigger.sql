-- Work orders are pulled by transaction id like items (see 0002_txid_triggers.sql).
CREATE TRIGGER work_orders_stamp_txid BEFORE INSERT OR UPDATE ON work_orders FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
