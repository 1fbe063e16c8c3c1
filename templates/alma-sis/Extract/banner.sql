-- Banner extract for the Alma SIS feed of ALMA_COLLEGE_NAME (Oracle, Ellucian Banner).
--
-- Produces the canonical patron row, one row per person and role: a person who is both a student and an employee
-- appears twice, and the feed keeps the row whose user group weighs most (alma-user-groups.csv). Column names
-- must stay exactly as aliased below. Run it as a read-only account that can select from these tables:
--
--   SPRIDEN   identity: the Banner ID, names (current row: SPRIDEN_CHANGE_IND IS NULL)
--   SPBPERS   person: birth date, preferred first name, deceased indicator
--   GOBTPAC   third-party access: the external (SSO) user name
--   GOREMAL   email addresses (active, preferred, of the campus type)
--   SPRADDR   addresses (active, current, of the mailing type)
--   SPRTELE   phones (active, primary)
--   SGBSTDN   student base: level and campus of the latest effective term
--   SFRSTCR   registrations: who is enrolled in the current or next term
--   STVTERM   terms: the end date of that term
--   PEBEMPL   employees: employee class and status (HR)
--
-- Codes to adapt with the registrar and HR: the email type ('CAMP'), the address type ('MA'), the phone type
-- ('CELL'), the terms that count as current (:terms below is a literal list here), the levels ('UG', 'GR') and
-- employee classes that map to the sis_code values of alma-user-groups.csv. Banner has no standard library barcode:
-- take it from where your college keeps it (a SPRIDEN alternate ID, a card system), or leave it NULL.
WITH current_terms AS (
    SELECT stvterm_code, stvterm_end_date
    FROM stvterm
    WHERE stvterm_code IN ('202610', '202620')              -- the current and next term: adapt, or compute from dates
),
students AS (
    SELECT DISTINCT r.sfrstcr_pidm AS pidm,
           CASE s.sgbstdn_levl_code WHEN 'GR' THEN 'GR' ELSE 'UG' END AS patron_type,
           s.sgbstdn_camp_code AS campus,
           MAX(t.stvterm_end_date) OVER (PARTITION BY r.sfrstcr_pidm) AS term_end_date
    FROM sfrstcr r
    JOIN current_terms t ON t.stvterm_code = r.sfrstcr_term_code
    JOIN sgbstdn s ON s.sgbstdn_pidm = r.sfrstcr_pidm
                  AND s.sgbstdn_term_code_eff = (SELECT MAX(s2.sgbstdn_term_code_eff) FROM sgbstdn s2
                                                 WHERE s2.sgbstdn_pidm = s.sgbstdn_pidm AND s2.sgbstdn_term_code_eff <= r.sfrstcr_term_code)
    WHERE r.sfrstcr_rsts_code IN ('RE', 'RW')                -- registered (web or in person)
),
employees AS (
    SELECT e.pebempl_pidm AS pidm,
           CASE WHEN e.pebempl_ecls_code LIKE 'F%' THEN 'FAC'  -- faculty classes
                WHEN e.pebempl_ecls_code LIKE 'A%' THEN 'ADJ'  -- adjunct classes
                ELSE 'STF' END AS patron_type,
           e.pebempl_camp_code AS campus,
           CAST(NULL AS DATE) AS term_end_date
    FROM pebempl e
    WHERE e.pebempl_empl_status = 'A'
),
roles AS (
    SELECT pidm, patron_type, campus, term_end_date FROM students
    UNION ALL
    SELECT pidm, patron_type, campus, term_end_date FROM employees
)
SELECT i.spriden_id                                   AS person_id,
       LOWER(tp.gobtpac_external_user)                AS login_id,
       CAST(NULL AS VARCHAR2(30))                     AS barcode,
       i.spriden_first_name                           AS first_name,
       i.spriden_mi                                   AS middle_name,
       i.spriden_last_name                            AS last_name,
       p.spbpers_pref_first_name                      AS preferred_first_name,
       em.goremal_email_address                       AS email,
       CASE WHEN ph.sprtele_phone_number IS NOT NULL
            THEN ph.sprtele_phone_area || ' ' || ph.sprtele_phone_number END AS phone,
       ad.spraddr_street_line1                        AS address_line1,
       ad.spraddr_street_line2                        AS address_line2,
       ad.spraddr_city                                AS city,
       ad.spraddr_stat_code                           AS state,
       ad.spraddr_zip                                 AS postal_code,
       NVL(ad.spraddr_natn_code, 'USA')               AS country,
       r.patron_type                                  AS patron_type,
       r.campus                                       AS campus,
       TO_CHAR(r.term_end_date, 'YYYY-MM-DD')         AS term_end_date,
       TO_CHAR(p.spbpers_birth_date, 'YYYY-MM-DD')    AS birth_date,
       'ACTIVE'                                       AS status
FROM roles r
JOIN spriden i      ON i.spriden_pidm = r.pidm AND i.spriden_change_ind IS NULL
LEFT JOIN spbpers p ON p.spbpers_pidm = r.pidm
LEFT JOIN gobtpac tp ON tp.gobtpac_pidm = r.pidm
LEFT JOIN goremal em ON em.goremal_pidm = r.pidm AND em.goremal_emal_code = 'CAMP'
                    AND em.goremal_status_ind = 'A' AND em.goremal_preferred_ind = 'Y'
LEFT JOIN spraddr ad ON ad.spraddr_pidm = r.pidm AND ad.spraddr_atyp_code = 'MA' AND ad.spraddr_status_ind IS NULL
                    AND SYSDATE BETWEEN NVL(ad.spraddr_from_date, SYSDATE) AND NVL(ad.spraddr_to_date, SYSDATE)
LEFT JOIN sprtele ph ON ph.sprtele_pidm = r.pidm AND ph.sprtele_tele_code = 'CELL'
                    AND ph.sprtele_status_ind IS NULL AND ph.sprtele_primary_ind = 'Y'
WHERE p.spbpers_dead_ind IS NULL                               -- never send deceased people
ORDER BY i.spriden_id
