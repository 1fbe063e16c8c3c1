-- PeopleSoft Campus Solutions extract for the Alma SIS feed of ALMA_COLLEGE_NAME (Oracle).
--
-- Produces the canonical patron row, one row per person and role: a person who is both a student and an employee
-- appears twice, and the feed keeps the row whose user group weighs most (alma-user-groups.csv). Column names
-- must stay exactly as aliased below. Run it as a read-only account that can select from these records:
--
--   PS_PERSON             person: EMPLID, birth date
--   PS_NAMES              names, effective-dated (NAME_TYPE 'PRI' primary, 'PRF' preferred)
--   PSOPRDEFN             user profiles: the OPRID (campus login) of an EMPLID
--   PS_EMAIL_ADDRESSES    email addresses (E_ADDR_TYPE 'CAMP', PREF_EMAIL_FLAG)
--   PS_ADDRESSES          addresses, effective-dated (ADDRESS_TYPE 'HOME')
--   PS_PERSONAL_PHONE     phones (PREF_PHONE_FLAG)
--   PS_STDNT_CAR_TERM     student career per term (ACAD_CAREER 'UGRD', 'GRAD'), who is active in a term
--   PS_TERM_TBL           terms: the end date (TERM_END_DT)
--   PS_ACAD_PROG          academic program: the campus
--   PS_JOB                HR job rows, effective-dated (EMPL_STATUS, EMPL_CLASS)
--
-- Codes to adapt with the registrar and HR: INSTITUTION ('PSUNV' below), the current terms (STRM), careers and
-- employee classes that map to sis_code values of alma-user-groups.csv, and the email/address/phone types.
-- Campus Solutions has no standard library barcode: take it from your card system, or leave it NULL.
WITH current_terms AS (
    SELECT t.institution, t.acad_career, t.strm, t.term_end_dt
    FROM ps_term_tbl t
    WHERE t.institution = 'PSUNV'
      AND SYSDATE BETWEEN t.term_begin_dt - 60 AND t.term_end_dt    -- the current term, and the next once it is near
),
students AS (
    SELECT c.emplid,
           CASE c.acad_career WHEN 'GRAD' THEN 'GR' ELSE 'UG' END AS patron_type,
           MAX(t.term_end_dt) AS term_end_date
    FROM ps_stdnt_car_term c
    JOIN current_terms t ON t.institution = c.institution AND t.acad_career = c.acad_career AND t.strm = c.strm
    WHERE c.elig_to_enroll = 'Y'
    GROUP BY c.emplid, c.acad_career
),
employees AS (
    SELECT j.emplid,
           CASE WHEN j.empl_class = 'F' THEN 'FAC' WHEN j.empl_class = 'A' THEN 'ADJ' ELSE 'STF' END AS patron_type,
           CAST(NULL AS DATE) AS term_end_date
    FROM ps_job j
    WHERE j.empl_status IN ('A', 'L', 'P')                            -- active, leave with pay, paid leave
      AND j.effdt = (SELECT MAX(j2.effdt) FROM ps_job j2 WHERE j2.emplid = j.emplid AND j2.empl_rcd = j.empl_rcd AND j2.effdt <= SYSDATE)
      AND j.effseq = (SELECT MAX(j3.effseq) FROM ps_job j3 WHERE j3.emplid = j.emplid AND j3.empl_rcd = j.empl_rcd AND j3.effdt = j.effdt)
      AND j.empl_rcd = 0
),
roles AS (
    SELECT emplid, patron_type, term_end_date FROM students
    UNION ALL
    SELECT emplid, patron_type, term_end_date FROM employees
)
SELECT p.emplid                                         AS person_id,
       LOWER(op.oprid)                                  AS login_id,
       CAST(NULL AS VARCHAR2(30))                       AS barcode,
       n.first_name                                     AS first_name,
       n.middle_name                                    AS middle_name,
       n.last_name                                      AS last_name,
       pn.first_name                                    AS preferred_first_name,
       e.email_addr                                     AS email,
       ph.phone                                         AS phone,
       a.address1                                       AS address_line1,
       a.address2                                       AS address_line2,
       a.city                                           AS city,
       a.state                                          AS state,
       a.postal                                         AS postal_code,
       a.country                                        AS country,
       r.patron_type                                    AS patron_type,
       (SELECT MAX(ap.campus) FROM ps_acad_prog ap WHERE ap.emplid = p.emplid AND ap.prog_status = 'AC') AS campus,
       TO_CHAR(r.term_end_date, 'YYYY-MM-DD')           AS term_end_date,
       TO_CHAR(p.birthdate, 'YYYY-MM-DD')               AS birth_date,
       'ACTIVE'                                         AS status
       -- Optional canonical columns (see the runbook's column table): uncomment those your PeopleSoft has, with
       -- their joins below. The types ('BUSN' address, email and phone) are the delivered ones: check yours.
       -- , pn.middle_name                                AS preferred_middle_name
       -- , pn.last_name                                  AS preferred_last_name
       -- , jc.descr                                      AS job_description
       -- , LOWER(pd.lang_cd)                             AS preferred_language   -- map to Alma's UserPreferredLanguage codes
       -- , wa.address1                                   AS work_address_line1
       -- , wa.address2                                   AS work_address_line2
       -- , wa.city                                       AS work_city
       -- , wa.state                                      AS work_state
       -- , wa.postal                                     AS work_postal_code
       -- , wa.country                                    AS work_country
       -- , we.email_addr                                 AS work_email
       -- , wp.phone                                      AS work_phone
       -- , (SELECT LISTAGG('PLAN:' || pl.acad_plan, '|') WITHIN GROUP (ORDER BY pl.acad_plan) FROM ps_acad_plan pl
       --     WHERE pl.emplid = p.emplid AND pl.effdt = (SELECT MAX(pl2.effdt) FROM ps_acad_plan pl2 WHERE pl2.emplid = pl.emplid))
       --                                                 AS statistical_categories  -- each CATEGORY or TYPE:CATEGORY
       -- PeopleSoft has no standard additional_barcodes or note: leave them out, or select them from where you keep them.
FROM roles r
JOIN ps_person p ON p.emplid = r.emplid
JOIN ps_names n  ON n.emplid = p.emplid AND n.name_type = 'PRI' AND n.eff_status = 'A'
                AND n.effdt = (SELECT MAX(n2.effdt) FROM ps_names n2 WHERE n2.emplid = n.emplid AND n2.name_type = n.name_type AND n2.effdt <= SYSDATE)
LEFT JOIN ps_names pn ON pn.emplid = p.emplid AND pn.name_type = 'PRF' AND pn.eff_status = 'A'
                AND pn.effdt = (SELECT MAX(n3.effdt) FROM ps_names n3 WHERE n3.emplid = pn.emplid AND n3.name_type = pn.name_type AND n3.effdt <= SYSDATE)
LEFT JOIN psoprdefn op ON op.emplid = p.emplid AND op.acctlock = 0
LEFT JOIN ps_email_addresses e ON e.emplid = p.emplid AND e.e_addr_type = 'CAMP'
LEFT JOIN ps_addresses a ON a.emplid = p.emplid AND a.address_type = 'HOME' AND a.eff_status = 'A'
                AND a.effdt = (SELECT MAX(a2.effdt) FROM ps_addresses a2 WHERE a2.emplid = a.emplid AND a2.address_type = a.address_type AND a2.effdt <= SYSDATE)
LEFT JOIN ps_personal_phone ph ON ph.emplid = p.emplid AND ph.pref_phone_flag = 'Y'
-- Joins of the optional columns above:
-- LEFT JOIN ps_personal_data pd ON pd.emplid = p.emplid
-- LEFT JOIN ps_job jb ON jb.emplid = p.emplid AND jb.empl_rcd = 0 AND jb.empl_status IN ('A', 'L', 'P')
--                AND jb.effdt = (SELECT MAX(j4.effdt) FROM ps_job j4 WHERE j4.emplid = jb.emplid AND j4.empl_rcd = 0 AND j4.effdt <= SYSDATE)
--                AND jb.effseq = (SELECT MAX(j5.effseq) FROM ps_job j5 WHERE j5.emplid = jb.emplid AND j5.empl_rcd = 0 AND j5.effdt = jb.effdt)
-- LEFT JOIN ps_jobcode_tbl jc ON jc.setid = jb.setid_jobcode AND jc.jobcode = jb.jobcode
--                AND jc.effdt = (SELECT MAX(c2.effdt) FROM ps_jobcode_tbl c2 WHERE c2.setid = jc.setid AND c2.jobcode = jc.jobcode AND c2.effdt <= SYSDATE)
-- LEFT JOIN ps_addresses wa ON wa.emplid = p.emplid AND wa.address_type = 'BUSN' AND wa.eff_status = 'A'
--                AND wa.effdt = (SELECT MAX(a3.effdt) FROM ps_addresses a3 WHERE a3.emplid = wa.emplid AND a3.address_type = wa.address_type AND a3.effdt <= SYSDATE)
-- LEFT JOIN ps_email_addresses we ON we.emplid = p.emplid AND we.e_addr_type = 'BUSN'
-- LEFT JOIN ps_personal_phone wp ON wp.emplid = p.emplid AND wp.phone_type = 'BUSN'
ORDER BY p.emplid
