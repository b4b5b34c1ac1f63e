export { DbManagerPage } from './DbManagerPage';
