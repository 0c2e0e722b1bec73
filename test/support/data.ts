import { fileURLToPath } from "node:url";

/** The shared sample datasets, beside the repository (../shared/data). */
export const SHARED_DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const THERA_BANK = `${SHARED_DATA}Bank_Personal_Loan_Modelling.csv`;
export const BANK_MARKETING = `${SHARED_DATA}bank-additional-full.csv`;
export const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv`;
