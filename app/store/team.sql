-- Team mode's rules on the server (kefudesk team setup; app/store/team.py runs this as the owner role).
--
-- The desk checks every rule below before it writes (app/desk/issues.py); these hold the same rules against a
-- desk that does not, or psql with the desks' password. Who acts is the login that opened the connection
-- (session_user: an agent's login cannot change it), asked through team_is_supervisor() / team_is_owner(),
-- which team.py writes with the role names. The desk's constants (money kinds, the policy's defaults) come
-- from team_money_kinds() and friends, also written by team.py.
--
-- Every function runs as its owner (SECURITY DEFINER) with a fixed search_path, pg_temp last, and names every
-- table with its schema: a login that made a temporary table called issue_action must not feed the checks
-- its own rows. (Agents cannot make temporary tables either: TEMP is revoked.)
--
-- Refusals use SQLSTATE 42501 (insufficient_privilege) when the login may not do it and 23514
-- (check_violation) when nobody may; the desk turns both into ServerRefused with the message.


-- (1) + (2) Money actions: never more back than the order's total; over the shop's limits, an agent's login
-- can only ask for approval; only a supervisor's login decides, and only a request that waits.
CREATE OR REPLACE FUNCTION public.team_check_action() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    supervisor constant boolean := public.team_is_supervisor();
    v_order text;
    v_total bigint;
    v_given bigint;
    v_counted text[];
    v_policy jsonb;
    v_over text;
BEGIN
    IF NEW.amount_fen < 0 THEN  -- a negative refund would make room under the order's total for more
        RAISE EXCEPTION 'an action''s amount cannot be negative (% fen)', NEW.amount_fen
            USING ERRCODE = 'check_violation';
    END IF;

    IF TG_OP = 'UPDATE' THEN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
            RETURN NEW;  -- not a decision (the column grants keep everything but the decision unchangeable)
        END IF;
        IF OLD.status <> 'awaiting_approval' OR NEW.status NOT IN ('done', 'refused') THEN
            RAISE EXCEPTION 'action % is %, it cannot become %: only a request awaiting approval is decided, once',
                OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        IF NOT supervisor THEN
            RAISE EXCEPTION 'only a supervisor''s login decides an approval request (action %)', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.status = 'refused' THEN
            RETURN NEW;
        END IF;
        v_counted := ARRAY['done'];  -- the request itself was counted as pending; now it is given
    ELSE
        IF NOT supervisor AND (NEW.status NOT IN ('done', 'awaiting_approval') OR NEW.decided_by <> ''
                               OR NEW.decided_at IS NOT NULL) THEN
            RAISE EXCEPTION 'an agent''s login records an action as done or asks for approval; a decision is a '
                'supervisor''s' USING ERRCODE = 'insufficient_privilege';
        END IF;
        v_counted := public.team_counting();  -- what the order can still give back takes pending requests in
    END IF;

    IF NEW.kind = ANY (public.team_money_kinds()) AND NEW.kind <> 'gift' THEN
        SELECT i.order_no INTO v_order FROM public.issue i WHERE i.id = NEW.issue_id;
        -- locked: another desk's refund on the same order waits here until this transaction ends, then
        -- counts this one (the desk takes the same lock first, app/store/issues.py _check_cap)
        SELECT o.amount_fen INTO v_total FROM public.shop_order o WHERE o.no = v_order FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'a % is counted against its order, and order % is not on the server', NEW.kind,
                coalesce(nullif(v_order, ''), '(none)') USING ERRCODE = 'check_violation';
        END IF;
    END IF;

    -- (1) the refunds on an order never pass its total
    IF NEW.kind = ANY (public.team_refund_kinds()) AND NEW.status = ANY (v_counted) THEN
        SELECT coalesce(sum(a.amount_fen), 0) INTO v_given
          FROM public.issue_action a JOIN public.issue i ON i.id = a.issue_id
         WHERE i.order_no = v_order AND a.kind = ANY (public.team_refund_kinds()) AND a.status = ANY (v_counted)
           AND a.id <> NEW.id;
        IF v_given + NEW.amount_fen > v_total THEN
            RAISE EXCEPTION 'order % has only % fen left to refund (% of % given or pending), not %', v_order,
                v_total - v_given, v_given, v_total, NEW.amount_fen USING ERRCODE = 'check_violation';
        END IF;
    END IF;

    -- (2) over the shop's limits (the policy in meta), an agent's login asks: it cannot record the money as done.
    -- The same comparisons as the desk's _limit_reason, in double precision as Python's floats.
    IF TG_OP = 'INSERT' AND NEW.status = 'done' AND NOT supervisor AND NEW.kind = ANY (public.team_money_kinds()) THEN
        v_policy := public.team_policy();
        v_over := CASE
            WHEN NEW.kind = 'gift' AND NEW.amount_fen > (v_policy->>'gift_max_fen')::bigint
                THEN 'a gift over ' || (v_policy->>'gift_max_fen') || ' fen'
            WHEN NEW.kind = 'partial_refund' AND NEW.amount_fen > (v_policy->>'partial_refund_max_fen')::bigint
                THEN 'a partial refund over ' || (v_policy->>'partial_refund_max_fen') || ' fen'
            WHEN NEW.kind = 'partial_refund'
                 AND NEW.amount_fen > v_total * (v_policy->>'partial_refund_max_share')::float8
                THEN 'a partial refund over ' || (v_policy->>'partial_refund_max_share') || ' of the order'
            WHEN NEW.kind = 'price_rounding' AND NEW.amount_fen > v_total * (v_policy->>'rounding_max_share')::float8
                THEN 'a price rounding over ' || (v_policy->>'rounding_max_share') || ' of the order'
        END;
        IF v_over IS NOT NULL THEN
            RAISE EXCEPTION '% needs a supervisor''s approval: an agent''s login can record it only as '
                'awaiting_approval', v_over USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS team_check_action ON public.issue_action;
CREATE TRIGGER team_check_action BEFORE INSERT OR UPDATE ON public.issue_action
    FOR EACH ROW EXECUTE FUNCTION public.team_check_action();


-- Money on an issue is counted against the issue's order: moving the issue to another order would free the
-- first order's total for more refunds.
CREATE OR REPLACE FUNCTION public.team_check_issue() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.order_no IS DISTINCT FROM OLD.order_no AND EXISTS (
            SELECT 1 FROM public.issue_action a
             WHERE a.issue_id = OLD.id AND a.kind = ANY (public.team_money_kinds())
               AND a.status = ANY (public.team_counting())) THEN
        RAISE EXCEPTION 'issue % has money recorded against order %: it stays on that order', OLD.id, OLD.order_no
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS team_check_issue ON public.issue;
CREATE TRIGGER team_check_issue BEFORE UPDATE ON public.issue
    FOR EACH ROW EXECUTE FUNCTION public.team_check_issue();


-- An order's total is what the cap and the share limits are measured against. Desks write orders (from the shop
-- and from its order export), so an agent's login may lower a total (a price change at the shop), but not raise
-- one that money was already given back or promised on, nor rename such an order.
CREATE OR REPLACE FUNCTION public.team_check_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (NEW.amount_fen > OLD.amount_fen OR NEW.no IS DISTINCT FROM OLD.no) AND NOT public.team_is_supervisor()
       AND EXISTS (SELECT 1 FROM public.issue_action a JOIN public.issue i ON i.id = a.issue_id
                    WHERE i.order_no = OLD.no AND a.kind = ANY (public.team_money_kinds())
                      AND a.status = ANY (public.team_counting())) THEN
        RAISE EXCEPTION 'order % has money recorded against it: an agent''s login cannot raise its total (% fen) '
            'or renumber it', OLD.no, OLD.amount_fen USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS team_check_order ON public.shop_order;
CREATE TRIGGER team_check_order BEFORE UPDATE ON public.shop_order
    FOR EACH ROW EXECUTE FUNCTION public.team_check_order();


-- (3) The shop's limits are a supervisor's to change; the team layout's own keys (team.*) the owner's.
-- Desks keep many other settings in meta (the guard's words, the robot, the event stream's position).
CREATE OR REPLACE FUNCTION public.team_check_meta() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_keys text[] := ARRAY[]::text[];
BEGIN
    IF TG_OP <> 'INSERT' THEN v_keys := v_keys || OLD.key; END IF;
    IF TG_OP <> 'DELETE' THEN v_keys := v_keys || NEW.key; END IF;
    IF public.team_policy_key() = ANY (v_keys) AND NOT public.team_is_supervisor() THEN
        RAISE EXCEPTION 'only a supervisor''s login changes the shop''s limits (%)', public.team_policy_key()
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The send guard: an agent's login may make it stricter, never looser (switching a word off is a
    -- supervisor's, app/desk/guard.py): the shop's own words only grow, the switched-off defaults only shrink.
    IF NOT public.team_is_supervisor() AND (
            (public.team_guard_added_key() = ANY (v_keys) AND NOT (
                TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.value::jsonb @> OLD.value::jsonb)))
         OR (public.team_guard_removed_key() = ANY (v_keys) AND NOT (
                (TG_OP = 'INSERT' AND NEW.value::jsonb = '[]'::jsonb)
             OR (TG_OP = 'UPDATE' AND OLD.value::jsonb @> NEW.value::jsonb)))) THEN
        RAISE EXCEPTION 'only a supervisor''s login switches a banned word off'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(v_keys) k WHERE starts_with(k, 'team.')) AND NOT public.team_is_owner() THEN
        RAISE EXCEPTION 'only the owner''s login changes the team layout''s settings'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

DROP TRIGGER IF EXISTS team_check_meta ON public.meta;
CREATE TRIGGER team_check_meta BEFORE INSERT OR UPDATE OR DELETE ON public.meta
    FOR EACH ROW EXECUTE FUNCTION public.team_check_meta();


-- What was said stays said: the desk removes a message only as the shop's second copy of a reply it already
-- holds (mark_sent: the echo arrived without the reply's key), so an agent's login cannot take an answer out
-- of the transcript the owner reads. (Its text cannot be changed at all: the column grants leave it out.)
CREATE OR REPLACE FUNCTION public.team_check_message_delete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT public.team_is_owner() AND NOT EXISTS (
            SELECT 1 FROM public.message m
             WHERE m.conversation_id = OLD.conversation_id AND m.id <> OLD.id AND m.client_id IS NOT NULL
               AND m.direction = OLD.direction AND m.text = OLD.text) THEN
        RAISE EXCEPTION 'message % is the only copy of what was said: it stays in the transcript', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;

DROP TRIGGER IF EXISTS team_check_message_delete ON public.message;
CREATE TRIGGER team_check_message_delete BEFORE DELETE ON public.message
    FOR EACH ROW EXECUTE FUNCTION public.team_check_message_delete();
